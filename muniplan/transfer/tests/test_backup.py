"""`muniplan backup` and `muniplan restore`: a whole installation round-trips while it is written to.

The round trip runs real installations in processes of their own, on the database kind the suite
runs on (SQLite files, or PostgreSQL databases named after the test database).
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
import time
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from psycopg import sql

from muniplan.transfer.backup import DATABASE_MEMBER, FORMAT, VERSION
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
    """What `restore` prints on standard error when it refuses, checking that it exits with 1."""
    stderr = io.StringIO()
    with pytest.raises(SystemExit) as exited:
        call_command("restore", str(path), stderr=stderr, **options)
    assert exited.value.code == 1
    return stderr.getvalue()


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
    stderr = io.StringIO()
    with pytest.raises(SystemExit) as exited:
        call_command("backup", str(tmp_path / "нет-папки" / "b.tar.gz"), stderr=stderr)
    assert exited.value.code == 1
    assert (
        stderr.getvalue() == f"Папка для резервной копии не существует: {tmp_path / 'нет-папки'}.\n"
    )


# --- archives that must be refused, made from a real backup of the demo installation ----------

MEMBER = DATABASE_MEMBER["postgresql" if ON_POSTGRES else "sqlite"]
NEW_FIELDS = ("counts", "database_sha256", "media")


@dataclass
class DemoBackup:
    path: Path
    plans: str  # `plans --json` of the installation it was taken from
    dump: dict


@pytest.fixture(scope="module")
def demo_backup(tmp_path_factory) -> DemoBackup:
    folder = tmp_path_factory.mktemp("demo")
    source = Installation(folder / "source", "demo_source")
    try:
        for step in (("migrate", "-v0"), ("demo",), ("backup", str(folder / "демо.tar.gz"))):
            done = source.run(*step)
            assert done.returncode == 0, done.stderr
        return DemoBackup(
            folder / "демо.tar.gz", source.run("plans", "--json").stdout, source.dump()
        )
    finally:
        source.drop()


@pytest.fixture(scope="module")
def restored(demo_backup, tmp_path_factory):
    """An installation restored from the demo backup: the round trip, and the target of refusals."""
    target = Installation(tmp_path_factory.mktemp("restored") / "target", "demo_target")
    if ON_POSTGRES:
        assert target.run("migrate", "-v0").returncode == 0
    done = target.run("restore", str(demo_backup.path))
    assert done.returncode == 0, done.stderr
    assert (
        done.stdout.startswith("Установка восстановлена из копии от ")
        and "файлов: 5." in done.stdout
    )
    yield target
    target.drop()


@pytest.fixture(scope="module")
def foreign_database(tmp_path_factory) -> bytes:
    """A database copy of the suite's kind that is not MuniPlan's: one unrelated table."""
    folder = tmp_path_factory.mktemp("foreign")
    if not ON_POSTGRES:
        with closing(sqlite3.connect(folder / "notes.sqlite3")) as db:
            db.execute("CREATE TABLE notes (text TEXT)")
            db.execute("INSERT INTO notes VALUES ('не MuniPlan')")
            db.commit()
        return (folder / "notes.sqlite3").read_bytes()
    other = Installation(folder, "foreign")
    try:
        url = other.env["DATABASE_URL"]
        subprocess.run(["psql", "-q", "-c", "CREATE TABLE notes (text text)", url], check=True)
        subprocess.run(["pg_dump", "-Fc", f"--file={folder / 'notes.dump'}", url], check=True)
        return (folder / "notes.dump").read_bytes()
    finally:
        other.drop()


def _members(archive: Path) -> tuple[dict, dict[str, bytes]]:
    """The manifest and every other file of an archive."""
    with tarfile.open(archive, "r:gz") as tar:
        files = {m.name: tar.extractfile(m).read() for m in tar.getmembers() if m.isfile()}
    return json.loads(files.pop("manifest.json")), files


def _old(manifest: dict) -> dict:
    """The manifest as archives wrote it before it carried counts and checksums."""
    return {k: v for k, v in manifest.items() if k not in NEW_FIELDS}


def _first_media(files: dict[str, bytes]) -> str:
    return min(name for name in files if name.startswith("media/"))


def _swap_database(manifest, files, foreign):
    return manifest, {**files, MEMBER: foreign}


def _swap_database_and_checksum(manifest, files, foreign):
    return {**manifest, "database_sha256": hashlib.sha256(foreign).hexdigest()}, {
        **files,
        MEMBER: foreign,
    }


def _old_with_foreign_database(manifest, files, foreign):
    return _old(manifest), {**files, MEMBER: foreign}


def _one_plan_more(manifest, files, foreign):
    counts = {**manifest["counts"], "plans.plan": manifest["counts"]["plans.plan"] + 1}
    return {**manifest, "counts": counts}, files


def _one_migration_less(manifest, files, foreign):
    return {**manifest, "migrations": manifest["migrations"][:-1]}, files


def _replace_media(manifest, files, foreign):
    return manifest, {**files, _first_media(files): "подменённый файл".encode()}


def _old_with_replaced_media(manifest, files, foreign):
    return _replace_media(_old(manifest), files, foreign)


def _drop_media(manifest, files, foreign):
    return manifest, {k: v for k, v in files.items() if k != _first_media(files)}


def _extra_media(manifest, files, foreign):
    return manifest, {**files, "media/imports/лишний.txt": b"1"}


NOT_MUNIPLAN = "{name}: {member} — не база данных MuniPlan (в ней нет её таблиц и миграций)."
TAMPERED_MEDIA = "{name}: файл {media} не совпадает со своей контрольной суммой — копия повреждена или подменена."
BAD_ARCHIVES = {
    "foreign_database": (
        _swap_database,
        "{name}: база данных {member} не совпадает с контрольной суммой из manifest.json — "
        "копия повреждена или подменена.",
    ),
    "foreign_database_with_its_checksum": (_swap_database_and_checksum, NOT_MUNIPLAN),
    "old_archive_with_foreign_database": (_old_with_foreign_database, NOT_MUNIPLAN),
    "counts_differ": (
        _one_plan_more,
        "{name}: в базе {member} не столько записей, сколько указано в manifest.json: "
        "планы — {plans} вместо {plans_more}.",
    ),
    "migrations_differ": (
        _one_migration_less,
        "{name}: в базе {member} применены не те миграции, что указаны в manifest.json, — "
        "копия повреждена или подменена.",
    ),
    "media_replaced": (_replace_media, TAMPERED_MEDIA),
    "old_archive_with_media_replaced": (_old_with_replaced_media, TAMPERED_MEDIA),
    "media_missing": (
        _drop_media,
        "{name}: в архиве нет файла {media}, указанного в manifest.json.",
    ),
    "media_not_in_manifest": (
        _extra_media,
        "{name}: файл media/imports/лишний.txt не указан в manifest.json.",
    ),
}


@pytest.mark.parametrize("case", BAD_ARCHIVES)
def test_restore_refuses_an_archive_whose_contents_do_not_match_and_changes_nothing(
    case, demo_backup, restored, foreign_database, tmp_path
):
    build, message = BAD_ARCHIVES[case]
    manifest, files = _members(demo_backup.path)
    bad_manifest, bad_files = build(manifest, files, foreign_database)
    bad = _archive(tmp_path / f"{case}.tar.gz", bad_manifest, bad_files)

    done = restored.run("restore", "--force", str(bad))

    plans = manifest["counts"]["plans.plan"]
    expected = message.format(
        name=bad.name,
        member=MEMBER,
        media=_first_media(files),
        plans=plans,
        plans_more=plans + 1,
    )
    assert (done.returncode, done.stderr) == (1, expected + "\n")
    assert restored.dump() == demo_backup.dump
    assert restored.run("plans", "--json").stdout == demo_backup.plans


def test_a_backup_restores_to_the_same_plans_and_rows(demo_backup, restored):
    manifest, _files = _members(demo_backup.path)
    assert manifest["counts"] == {
        "accounts.organization": len(demo_backup.dump["rows"]["accounts.organization"]),
        "plans.plan": len(demo_backup.dump["rows"]["plans.plan"]),
        "plans.activity": len(demo_backup.dump["rows"]["plans.activity"]),
        "execution.executionreport": len(demo_backup.dump["rows"]["execution.executionreport"]),
    }
    assert restored.run("plans", "--json").stdout == demo_backup.plans != "[]\n"
    assert restored.dump() == demo_backup.dump


def test_an_archive_written_before_the_manifest_had_checksums_still_restores(
    demo_backup, restored, tmp_path
):
    manifest, files = _members(demo_backup.path)
    old = _archive(tmp_path / "старая.tar.gz", _old(manifest), files)
    done = restored.run("restore", "--force", str(old))
    assert done.returncode == 0, done.stderr
    assert restored.dump() == demo_backup.dump


def test_restore_refuses_an_installation_that_holds_data_naming_what_it_holds(
    demo_backup, restored
):
    done = restored.run("restore", str(demo_backup.path))
    organizations = len(demo_backup.dump["rows"]["accounts.organization"])
    assert done.returncode == 1
    assert done.stderr.startswith(
        f"Установка не пуста (пользователи: {len(PEOPLE)}; организации: {organizations};"
    )
    assert done.stderr.endswith("; чтобы согласиться, повторите команду с --force.\n")


def test_restore_refuses_a_damaged_archive_in_a_russian_sentence_naming_the_file(
    demo_backup, restored, tmp_path
):
    whole = demo_backup.path.read_bytes()
    damaged = {
        "пустая.tar.gz": (b"", "пустая.tar.gz: файл пуст — это не резервная копия MuniPlan."),
        "письмо.tar.gz": (
            "не архив".encode(),
            "письмо.tar.gz: это не архив .tar.gz — не резервная копия MuniPlan.",
        ),
        "сжатый-текст.tar.gz": (
            gzip.compress("не архив".encode()),
            "сжатый-текст.tar.gz: это не архив .tar.gz — не резервная копия MuniPlan.",
        ),
        "обрезанная.tar.gz": (
            whole[:2000],
            f"обрезанная.tar.gz: архив обрывается на элементе {MEMBER} — "
            "файл записан или скопирован не полностью.",
        ),
    }
    for name, (data, message) in damaged.items():
        (tmp_path / name).write_bytes(data)
        done = restored.run("restore", "--force", str(tmp_path / name))
        assert (done.returncode, done.stderr) == (1, message + "\n"), name
    assert restored.dump() == demo_backup.dump
