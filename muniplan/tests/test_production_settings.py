"""Production refuses a missing secret key; the embedded default keeps its own; `check --deploy` is clean.

Settings are read once per process, so each case starts a fresh `muniplan` process with its own environment.
"""

from __future__ import annotations

import os
import secrets
import stat
import subprocess
import sys

PRINT_KEY = (
    "import django; django.setup(); from django.conf import settings; print(settings.SECRET_KEY)"
)


def _run(args: list[str], tmp_path, **environ: str) -> subprocess.CompletedProcess:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("MUNIPLAN_", "DJANGO_")) and k != "DATABASE_URL"
    }
    env.update(
        DJANGO_SETTINGS_MODULE="muniplan.settings",
        MUNIPLAN_VAR_DIR=str(tmp_path / "var"),
        **environ,
    )
    return subprocess.run(
        [sys.executable, *args], env=env, capture_output=True, text=True, timeout=120
    )


def test_production_without_a_secret_key_refuses_to_start_and_says_why(tmp_path):
    server_db = {"DATABASE_URL": "postgres://muniplan@127.0.0.1:5432/muniplan"}
    command = _run(["-m", "muniplan.cli", "check"], tmp_path, **server_db)
    assert command.returncode == 1
    assert "MUNIPLAN_SECRET_KEY не задан" in command.stderr and "Traceback" not in command.stderr
    wsgi = _run(["-c", "import muniplan.wsgi"], tmp_path, **server_db)
    assert wsgi.returncode == 1 and "MUNIPLAN_SECRET_KEY не задан" in wsgi.stderr
    assert not (tmp_path / "var" / "secret_key").exists()


def test_the_embedded_default_makes_its_own_key_once_and_keeps_it_private(tmp_path):
    first = _run(["-c", PRINT_KEY], tmp_path)
    second = _run(["-c", PRINT_KEY], tmp_path)
    assert first.returncode == 0, first.stderr
    key = first.stdout.strip()
    assert len(key) >= 50 and "insecure" not in key
    assert second.stdout.strip() == key
    key_file = tmp_path / "var" / "secret_key"
    assert key_file.read_text().strip() == key
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert sorted(p.name for p in key_file.parent.iterdir() if "secret" in p.name) == ["secret_key"]


def test_the_key_from_the_environment_wins(tmp_path):
    done = _run(["-c", PRINT_KEY], tmp_path, MUNIPLAN_SECRET_KEY="from-the-environment-" + "k" * 40)
    assert done.stdout.strip() == "from-the-environment-" + "k" * 40
    assert not (tmp_path / "var" / "secret_key").exists()


def test_check_deploy_is_clean_with_https(tmp_path):
    done = _run(
        ["-m", "muniplan.cli", "check", "--deploy", "--fail-level", "WARNING"],
        tmp_path,
        MUNIPLAN_HTTPS="1",
        MUNIPLAN_SECRET_KEY=secrets.token_urlsafe(50),
        MUNIPLAN_ALLOWED_HOSTS="plan.smo72.ru",
    )
    assert done.returncode == 0, done.stderr
    assert "no issues" in done.stdout
