"""Time of `muniplan backup` and `muniplan restore` on the federal bench data set.

Builds a source installation with `bench/plan_pages.py`'s data builder (85 organizations, 256 plans,
15,600 activities), one history entry per activity and one 40 KB original per plan in the media
folder, times `muniplan backup` while nothing else runs, then `muniplan restore` into an empty
installation (a migrated PostgreSQL database; no SQLite file at all), and checks that the restored
installation counts the same rows.
Targets: backup ≤ 30 s, restore ≤ 60 s. Each command is timed as a person runs it (process start
included); its CPU time (with pg_dump / psql, not the database server's) is the figure to trust on
a busy machine.

    .venv/bin/python bench/backup_restore.py [--db sqlite|pg]

PostgreSQL: `BENCH_PG_URL` (default `postgres://postgres@127.0.0.1:5432/muniplan_bench`); the
script creates and drops that database and the same name with `_restored`; skipped with a note
when the server cannot be reached.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:5432/muniplan_bench"
TARGETS = {"backup": 30, "restore": 60}
ORIGINALS, ORIGINAL_BYTES = 256, 40_000
# The data builder inserts in bulk, with no history; a real installation has an entry per change.
HISTORY = """
import sys
sys.path.insert(0, "bench")
import django
django.setup()
import plan_pages
from muniplan.audit.models import AuditEntry
from muniplan.plans.models import Activity
plan_pages.generate()
AuditEntry.objects.bulk_create(
    [AuditEntry(organization_id=a.plan.organization_id, action="plans.activity.created", object_type="activity",
                object_id=a.pk, plan_id=a.plan_id, summary=a.title[:500], changes={"title": ["", a.title]})
     for a in Activity.objects.select_related("plan")], batch_size=2000)
"""
COUNT = (
    "from muniplan.plans.models import Activity, Plan; from muniplan.audit.models import AuditEntry; "
    "print(Plan.objects.count(), Activity.objects.count(), AuditEntry.objects.count())"
)


def _env(folder: Path, database_url: str | None) -> dict:
    env = {
        k: v for k, v in os.environ.items() if not k.startswith("MUNIPLAN_") and k != "DATABASE_URL"
    }
    env.update(MUNIPLAN_VAR_DIR=str(folder), DJANGO_SETTINGS_MODULE="muniplan.settings")
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def _cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _muniplan(env: dict, *args: str) -> tuple[float, str, float]:
    """Wall time, output and the CPU time of the command with its own children (pg_dump, psql)."""
    started, started_cpu = time.perf_counter(), _cpu()
    done = subprocess.run(
        [sys.executable, "-m", "muniplan.cli", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if done.returncode:
        sys.exit(f"muniplan {' '.join(args)} failed:\n{done.stderr}")
    return time.perf_counter() - started, done.stdout.strip(), _cpu() - started_cpu


def _build(env: dict, folder: Path) -> None:
    _muniplan(env, "migrate", "-v0")
    subprocess.run([sys.executable, "-c", HISTORY], env=env, cwd=ROOT, check=True)
    originals = folder / "media" / "imports" / "bench"
    originals.mkdir(parents=True)
    for n in range(ORIGINALS):
        (originals / f"plan-{n:03d}.txt").write_bytes(
            os.urandom(ORIGINAL_BYTES // 2).hex().encode()
        )


def measure(db: str, source_url: str | None, restored_url: str | None) -> bool:
    with tempfile.TemporaryDirectory(prefix="muniplan-bench-backup-") as tmp:
        source, restored = (
            _env(Path(tmp) / "source", source_url),
            _env(Path(tmp) / "restored", restored_url),
        )
        started = time.perf_counter()
        _build(source, Path(tmp) / "source")
        built = time.perf_counter() - started
        archive = Path(tmp) / "backup.tar.gz"
        backup_s, _, backup_cpu = _muniplan(source, "backup", str(archive))
        if restored_url:
            _muniplan(restored, "migrate", "-v0")
        restore_s, _, restore_cpu = _muniplan(restored, "restore", str(archive))
        same = (
            _muniplan(source, "shell", "-v0", "-c", COUNT)[1]
            == _muniplan(restored, "shell", "-v0", "-c", COUNT)[1]
        )
        plans, activities, entries = _muniplan(restored, "shell", "-v0", "-c", COUNT)[1].split()
        print(
            f"\n== {db}: data set built in {built:.0f} s — {plans} plans, {activities} activities, "
            f"{entries} history entries, {ORIGINALS} originals of {ORIGINAL_BYTES // 1000} KB; "
            f"archive {archive.stat().st_size / 1e6:.1f} MB; load average {os.getloadavg()[0]:.1f}"
        )
        ok = True
        for label, seconds, cpu in (
            ("backup", backup_s, backup_cpu),
            ("restore", restore_s, restore_cpu),
        ):
            within = seconds <= TARGETS[label]
            ok &= within
            print(
                f"{label:8} {seconds:6.1f} s (CPU {cpu:5.1f} s of the command and its tools)   "
                f"target ≤ {TARGETS[label]} s {'ok' if within else 'MISSED'}"
            )
        print(f"restored installation counts the same rows: {'yes' if same else 'NO'}")
        return ok and same


def run_pg() -> bool:
    from plan_pages import pg_admin
    from psycopg import sql

    url = os.environ.get("BENCH_PG_URL", DEFAULT_PG_URL)
    admin, name = pg_admin(url)
    if admin is None:
        return True
    names = [name, f"{name}_restored"]

    def recreate(create: bool) -> None:
        for n in names:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(n))
            )
            if create:
                admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(n)))

    with admin:
        recreate(True)
        try:
            parts = urlsplit(url)
            return measure("pg", *(urlunsplit(parts._replace(path=f"/{n}")) for n in names))
        finally:
            recreate(False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--db", choices=("sqlite", "pg"), action="append", help="only this database (repeatable)"
    )
    args = parser.parse_args()
    ok = True
    for db in args.db or ["sqlite", "pg"]:
        ok &= measure("sqlite", None, None) if db == "sqlite" else run_pg()
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
