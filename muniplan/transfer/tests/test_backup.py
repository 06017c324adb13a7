"""`muniplan backup` and `muniplan restore`: a whole installation round-trips while it is written to.

The round trip runs real installations in processes of their own, on the database kind the suite
runs on (SQLite files, or PostgreSQL databases named after the test database).
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tarfile
import time
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from psycopg import sql

from muniplan.transfer.backup import FORMAT, VERSION
from muniplan.transfer.demo import PEOPLE

from .installation import WRITER_PREFIX

MUNIPLAN = [sys.executable, "-m", "muniplan.cli"]
ON_POSTGRES = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")


class Installation:
    """A MuniPlan installation of its own: a var folder and a database, driven by subprocesses."""

    def __init__(self, folder: Path, name: str):
        self.folder = folder
        # The embedded default keeps its database in the var folder, as `make run` does.
        self.env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith("MUNIPLAN_") and k != "DATABASE_URL"
        }
        # the installation is production-like on PostgreSQL: it needs a secret key of its own
        self.env.update(
            MUNIPLAN_VAR_DIR=str(folder),
            DJANGO_SETTINGS_MODULE="muniplan.settings",
            MUNIPLAN_SECRET_KEY="backup-test-only-" + "k" * 50,
        )
        if ON_POSTGRES:
            db = settings.DATABASES["default"]
            self.database = f"{db['NAME']}_{name}_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"
            self.env["DATABASE_URL"] = (
                f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}"
                f":{db['PORT'] or 5432}/{self.database}"
            )
            self._admin("DROP DATABASE IF EXISTS {} WITH (FORCE)", "CREATE DATABASE {}")

    def _admin(self, *statements: str) -> None:
        db = settings.DATABASES["default"]
        with psycopg.connect(
            host=db["HOST"] or "127.0.0.1",
            port=db["PORT"] or 5432,
            user=db["USER"],
            password=db["PASSWORD"] or None,
            dbname="postgres",
            autocommit=True,
        ) as admin:
            for statement in statements:
                admin.execute(sql.SQL(statement).format(sql.Identifier(self.database)))

    def drop(self) -> None:
        if ON_POSTGRES:
            self._admin("DROP DATABASE IF EXISTS {} WITH (FORCE)")

    def run(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [*MUNIPLAN, *args], env=self.env, capture_output=True, text=True, timeout=300
        )

    def start(self, *args: str) -> subprocess.Popen:
        return subprocess.Popen(
            [sys.executable, "-m", "muniplan.transfer.tests.installation", *args],
            env=self.env,
            stderr=subprocess.PIPE,
            text=True,
        )

    def dump(self) -> dict:
        done = subprocess.run(
            [sys.executable, "-m", "muniplan.transfer.tests.installation", "dump"],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
        return json.loads(done.stdout)


@pytest.fixture
def installations(tmp_path):
    made = []

    def make(name: str) -> Installation:
        made.append(Installation(tmp_path / name, name))
        return made[-1]

    yield make
    for installation in made:
        installation.drop()


def _writer_numbers(dump: dict) -> dict[int, int]:
    """Activity pk → number of the activities the writer made."""
    return {
        row["pk"]: int(row["fields"]["title"].removeprefix(WRITER_PREFIX))
        for row in dump["rows"]["plans.activity"]
        if row["fields"]["title"].startswith(WRITER_PREFIX)
    }


def _without_later_writes(dump: dict, last: int) -> dict:
    """The source as it was when the copy was taken: the writer's activities up to `last` only."""
    later = {pk for pk, number in _writer_numbers(dump).items() if number > last}
    rows = dict(dump["rows"])
    rows["plans.activity"] = [r for r in rows["plans.activity"] if r["pk"] not in later]
    rows["plans.participation"] = [
        r for r in rows["plans.participation"] if r["fields"]["activity"] not in later
    ]
    rows["audit.auditentry"] = [
        r
        for r in rows["audit.auditentry"]
        if not (r["fields"]["object_type"] == "activity" and r["fields"]["object_id"] in later)
    ]
    return {**dump, "rows": rows}


def _wait_for(progress: Path, above: int, timeout: float = 60) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        written = int(progress.read_text()) if progress.exists() else 0
        if written > above:
            return written
        time.sleep(0.05)
    raise AssertionError(f"the writer did not get past {above} activities")


def test_a_backup_taken_under_writes_restores_an_empty_installation_to_the_same_state(
    installations, tmp_path
):
    source, restored = installations("source"), installations("restored")
    for step in (("migrate", "-v0"), ("demo",)):
        assert source.run(*step).returncode == 0
    stop, progress = tmp_path / "stop", tmp_path / "progress"
    writer = source.start("write", str(stop), str(progress))
    try:
        _wait_for(progress, above=5)
        backup = source.run("backup", str(tmp_path / "копия.tar.gz"))
        assert backup.returncode == 0, backup.stderr
        written_during = int(progress.read_text())
        _wait_for(progress, above=written_during + 3)  # the writer went on after the copy
    finally:
        stop.touch()
        writer.wait(timeout=60)
    assert writer.returncode == 0, writer.stderr

    if (
        ON_POSTGRES
    ):  # PostgreSQL's empty installation is a migrated database; SQLite's has no file yet
        assert restored.run("migrate", "-v0").returncode == 0
    restore = restored.run("restore", str(tmp_path / "копия.tar.gz"))
    assert restore.returncode == 0, restore.stderr

    after, before = restored.dump(), source.dump()
    numbers = sorted(_writer_numbers(after).values())
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) >= 5  # a snapshot: no gaps
    assert len(_writer_numbers(before)) > len(numbers)
    expected = _without_later_writes(before, last=len(numbers))
    for label, rows in expected["rows"].items():
        assert after["rows"][label] == rows, label
    assert len(after["rows"]["plans.plan"]) == 4 and len(after["rows"]["audit.auditentry"]) > 39 + 5
    assert after["originals"] == before["originals"] and len(after["originals"]) == 5
    documents = {
        r["fields"]["file"]: r["fields"]["sha256"]
        for r in after["rows"]["transfer.importeddocument"]
    }
    assert after["originals"] == documents  # each file read back is the one its row describes

    # The source, which went on being written, goes back to the copy only when told to.
    (source.folder / "media" / "imports" / "лишний.txt").write_text("записан после копии")
    refused = source.run("restore", str(tmp_path / "копия.tar.gz"))
    assert (
        refused.returncode == 1
        and f"Установка не пуста (пользователи: {len(PEOPLE)};" in refused.stderr
    )
    assert "--force" in refused.stderr
    forced = source.run("restore", "--force", str(tmp_path / "копия.tar.gz"))
    assert forced.returncode == 0, forced.stderr
    assert source.dump() == after
    assert not (source.folder / "media" / "imports" / "лишний.txt").exists()


def test_restore_of_a_missing_file_exits_non_zero_with_a_russian_message(installations, tmp_path):
    done = installations("target").run("restore", str(tmp_path / "нет-такого.tar.gz"))
    assert done.returncode == 1
    assert "Файл резервной копии не найден" in done.stderr and "нет-такого.tar.gz" in done.stderr


def _archive(path: Path, manifest: dict, extra: dict[str, bytes] | None = None) -> Path:
    with tarfile.open(path, "w:gz") as archive:
        for name, data in {"manifest.json": json.dumps(manifest).encode(), **(extra or {})}.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return path


def _restore_error(path: Path, **options) -> str:
    with pytest.raises(CommandError) as error:
        call_command("restore", str(path), **options)
    return str(error.value)


@pytest.mark.django_db
def test_restore_refuses_a_damaged_archive_naming_the_file(tmp_path):
    whole = _archive(
        tmp_path / "целая.tar.gz",
        {"format": FORMAT, "version": VERSION},
        {"database.sqlite3": os.urandom(200_000)},
    )
    cut = tmp_path / "обрезанная.tar.gz"
    cut.write_bytes(whole.read_bytes()[:50_000])
    assert "обрезанная.tar.gz: архив повреждён" in _restore_error(cut, force=True)
    text = tmp_path / "письмо.tar.gz"
    text.write_text("не архив")
    assert "письмо.tar.gz: архив повреждён" in _restore_error(text, force=True)


@pytest.mark.django_db
def test_restore_refuses_an_archive_that_is_not_a_muniplan_backup(tmp_path):
    foreign = _archive(tmp_path / "чужой.tar.gz", {"format": "something-else"})
    assert "чужой.tar.gz: это не резервная копия MuniPlan" in _restore_error(foreign, force=True)
    escaping = _archive(
        tmp_path / "побег.tar.gz", {"format": FORMAT, "version": VERSION}, {"../x": b"1"}
    )
    assert "посторонний элемент в архиве: ../x" in _restore_error(escaping, force=True)


@pytest.mark.django_db
def test_restore_refuses_a_backup_of_the_other_database_kind(tmp_path):
    other = "sqlite" if connection.vendor == "postgresql" else "postgresql"
    archive = _archive(
        tmp_path / "b.tar.gz", {"format": FORMAT, "version": VERSION, "database": other}
    )
    message = _restore_error(archive, force=True)
    assert (
        "копия сделана с базы" in message
        and "Восстановите её в установку с той же базой данных" in message
    )


@pytest.mark.django_db
def test_restore_refuses_a_backup_of_a_newer_version(tmp_path):
    archive = _archive(
        tmp_path / "b.tar.gz",
        {
            "format": FORMAT,
            "version": VERSION,
            "database": connection.vendor,
            "migrations": ["plans.9999_from_the_future"],
        },
    )
    assert (
        "более новой версией MuniPlan (неизвестные миграции: plans.9999_from_the_future)"
        in _restore_error(archive, force=True)
    )


@pytest.mark.django_db
def test_restore_refuses_an_installation_that_holds_data_naming_what_it_holds(
    admin_user, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    archive = _archive(
        tmp_path / "b.tar.gz",
        {"format": FORMAT, "version": VERSION, "database": connection.vendor, "migrations": []},
    )
    message = _restore_error(archive)
    assert message.startswith("Установка не пуста (пользователи: 1; организации: 1;")
    assert "повторите команду с --force" in message


@pytest.mark.django_db
def test_restore_refuses_a_link_in_the_archive(tmp_path):
    path = tmp_path / "ссылка.tar.gz"
    with tarfile.open(path, "w:gz") as archive:
        manifest = json.dumps({"format": FORMAT, "version": VERSION}).encode()
        info = tarfile.TarInfo("manifest.json")
        info.size = len(manifest)
        archive.addfile(info, io.BytesIO(manifest))
        link = tarfile.TarInfo("media/passwd")
        link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
        archive.addfile(link)
    assert "посторонний элемент в архиве: media/passwd" in _restore_error(path, force=True)


def test_backup_into_a_missing_folder_names_it(tmp_path):
    with pytest.raises(CommandError, match="Папка для резервной копии не существует: .*нет-папки"):
        call_command("backup", str(tmp_path / "нет-папки" / "b.tar.gz"))
