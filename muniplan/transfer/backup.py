"""Backup and restore of a whole installation: the database and the stored originals in one archive.

The archive is a gzip-compressed tar file:

    manifest.json        format, database kind, applied migrations, time of the copy
    database.sqlite3     the embedded database, copied with SQLite's online backup API, or
    database.dump        PostgreSQL's custom-format `pg_dump` (one snapshot transaction)
    media/...            every file under MEDIA_ROOT

Both copies are consistent while the app keeps serving and writing: the SQLite backup step reads
one snapshot (WAL lets writers go on), `pg_dump` reads in one repeatable-read transaction. The
database is copied before the files, so every original the copied rows point at is already on disk.

A restore checks the whole archive before it touches anything, refuses an installation that holds
data unless told to replace it, replaces the database in one step (SQLite backup into the file;
one `psql` transaction on PostgreSQL) and then puts the files in place.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.loader import MigrationLoader

FORMAT = "muniplan-backup"
VERSION = 1
MANIFEST = "manifest.json"
MEDIA_PREFIX = "media/"
DATABASE_MEMBER = {"sqlite": "database.sqlite3", "postgresql": "database.dump"}
VENDOR_NAMES = {"sqlite": "SQLite (встроенная)", "postgresql": "PostgreSQL"}
# Rows that `migrate` itself writes: a freshly migrated installation has them and is still empty.
_MIGRATE_MADE = {"contenttypes.contenttype", "auth.permission"}
# How a refused restore names what the installation already holds.
_CONTENT_NAMES = {
    "auth.user": "пользователи",
    "accounts.organization": "организации",
    "plans.plan": "планы",
    "plans.activity": "мероприятия",
    "audit.auditentry": "записи истории",
    "transfer.importeddocument": "загруженные документы",
}


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is for the person at the console."""


@dataclass
class BackupResult:
    path: Path
    database: str
    media_files: int
    size: int


@dataclass
class RestoreResult:
    database: str
    media_files: int
    created: str


# --- backup ----------------------------------------------------------------------------------


def installation_backup(*, path: Path, using: str = DEFAULT_DB_ALIAS) -> BackupResult:
    """Write the archive to `path` (through a temporary file beside it, renamed when complete)."""
    path = Path(path)
    if not path.parent.is_dir():
        raise BackupError(f"Папка для резервной копии не существует: {path.parent}")
    connection = connections[using]
    vendor = _vendor(connection)
    media_root = Path(settings.MEDIA_ROOT)
    try:
        return _backup(path, connection, vendor, media_root)
    except OSError as error:
        raise BackupError(f"Не удалось записать резервную копию {path}: {error}") from error


def _backup(path: Path, connection, vendor: str, media_root: Path) -> BackupResult:
    with tempfile.TemporaryDirectory(prefix=".muniplan-backup-", dir=path.parent) as tmp:
        database = Path(tmp) / DATABASE_MEMBER[vendor]
        if vendor == "sqlite":
            _sqlite_copy(connection, database)
        else:
            _pg_dump(connection, database)
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "database": vendor,
            "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "migrations": _applied_migrations(connection),
        }
        partial = Path(tmp) / "archive.tar.gz"
        with tarfile.open(partial, "w:gz", compresslevel=6) as archive:
            _add_bytes(
                archive, MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1).encode()
            )
            archive.add(database, arcname=database.name)
            media = 0
            for relative in _media_files(media_root):
                try:
                    archive.add(
                        media_root / relative, arcname=MEDIA_PREFIX + relative, recursive=False
                    )
                    media += 1
                except FileNotFoundError:
                    continue  # removed meanwhile (a stale upload cleaned up): the copy does not need it
        os.replace(partial, path)
    return BackupResult(path=path, database=vendor, media_files=media, size=path.stat().st_size)


def _vendor(connection) -> str:
    if connection.vendor not in DATABASE_MEMBER:
        raise BackupError(
            f"Резервное копирование базы {connection.vendor} не поддерживается: "
            "только SQLite и PostgreSQL."
        )
    return connection.vendor


def _sqlite_copy(connection, target: Path) -> None:
    source_name = str(connection.settings_dict["NAME"])
    if not Path(source_name).is_file():
        raise BackupError(f"Файл базы данных не найден: {source_name}")
    # A connection of our own: Django's may sit inside a transaction of the caller.
    source = sqlite3.connect(source_name)
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)  # one step: one read snapshot of the whole database
    except sqlite3.Error as error:
        raise BackupError(f"Не удалось скопировать базу SQLite {source_name}: {error}") from error
    finally:
        copy.close()
        source.close()


def _pg_environment(connection) -> dict[str, str]:
    params = connection.settings_dict
    values = {
        "PGHOST": params.get("HOST"),
        "PGPORT": params.get("PORT"),
        "PGUSER": params.get("USER"),
        "PGPASSWORD": params.get("PASSWORD"),
        "PGDATABASE": params.get("NAME"),
    }
    return {**os.environ, **{k: str(v) for k, v in values.items() if v}}


def _run_pg_tool(command: list[str], connection, what: str, stdin=None) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(
            f"Не найдена программа {command[0]}: установите клиент PostgreSQL той же "
            "версии, что и сервер (в Debian — пакет postgresql-client)."
        )
    done = subprocess.run(
        command,
        env=_pg_environment(connection),
        stdin=stdin,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    if done.returncode != 0:
        raise BackupError(f"{what}: {command[0]} завершился с ошибкой: {done.stderr.strip()}")


def _pg_dump(connection, target: Path) -> None:
    # Uncompressed inside: the whole archive is compressed once.
    _run_pg_tool(
        ["pg_dump", "--format=custom", "--compress=0", f"--file={target}"],
        connection,
        "Не удалось сделать копию базы PostgreSQL",
    )


def _media_files(root: Path) -> list[str]:
    if not root.is_dir():
        return []
    found = []
    for folder, _dirs, files in os.walk(root):
        for name in files:
            full = Path(folder) / name
            if full.is_file() and not full.is_symlink():
                found.append(full.relative_to(root).as_posix())
    return sorted(found)


def _applied_migrations(connection) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY id")
        return [f"{app}.{name}" for app, name in cursor.fetchall()]


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(dt.datetime.now().timestamp())
    archive.addfile(info, io.BytesIO(data))


# --- restore ---------------------------------------------------------------------------------


def installation_restore(
    *, path: Path, replace: bool = False, using: str = DEFAULT_DB_ALIAS
) -> RestoreResult:
    """Bring this installation to the state saved in the archive at `path`.

    Refuses (BackupError, nothing changed) a missing or damaged archive, an archive of the other
    database kind or of a newer version of MuniPlan, and — unless `replace` — an installation that
    already holds data or files.
    """
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"Файл резервной копии не найден: {path}")
    connection = connections[using]
    vendor = _vendor(connection)
    media_root = Path(settings.MEDIA_ROOT)
    try:
        return _restore(path, connection, vendor, media_root, replace)
    except OSError as error:
        raise BackupError(f"Не удалось восстановить из {path}: {error}") from error


def _restore(path: Path, connection, vendor: str, media_root: Path, replace: bool) -> RestoreResult:
    media_root.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".muniplan-restore-", dir=media_root.parent) as tmp:
        manifest = _unpack(path, Path(tmp))
        _check_manifest(manifest, path, vendor)
        if not replace:
            _refuse_existing_data(connection, media_root)
        database = Path(tmp) / DATABASE_MEMBER[vendor]
        if vendor == "sqlite":
            _sqlite_check(database, path)
            connections.close_all()
            _sqlite_restore(connection, database)
        else:
            connections.close_all()
            _pg_restore(connection, database, Path(tmp))
        connections.close_all()
        # An archive of an older version gains the later migrations.
        call_command("migrate", database=connection.alias, interactive=False, verbosity=0)
        media = _put_media(Path(tmp) / "media", media_root)
    return RestoreResult(database=vendor, media_files=media, created=manifest.get("created", ""))


def _unpack(path: Path, into: Path) -> dict:
    """Extract every member (reading the archive to its end checks its checksums); return the manifest."""
    try:
        with tarfile.open(path, "r:gz") as archive:
            members = archive.getmembers()
            names = {m.name for m in members}
            if MANIFEST not in names:
                raise BackupError(f"{path.name}: это не резервная копия MuniPlan (нет {MANIFEST}).")
            for member in members:
                if not _expected_member(member):
                    raise BackupError(f"{path.name}: посторонний элемент в архиве: {member.name}")
            # Python's "data" filter (3.11.4+) refuses the same again, and odd permissions.
            archive.extractall(
                into, **({"filter": "data"} if hasattr(tarfile, "data_filter") else {})
            )
        manifest = json.loads((into / MANIFEST).read_text(encoding="utf-8"))
    except BackupError:
        raise
    except (
        tarfile.TarError,
        EOFError,
        zlib.error,
        OSError,
        UnicodeDecodeError,
        ValueError,
    ) as error:
        raise BackupError(
            f"{path.name}: архив повреждён или это не резервная копия MuniPlan ({error})."
        ) from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{path.name}: это не резервная копия MuniPlan (неизвестный {MANIFEST}).")
    return manifest


def _expected_member(member: tarfile.TarInfo) -> bool:
    """Only what a backup writes: plain files and folders, nothing that could leave the folder."""
    name = member.name
    inside = not name.startswith("/") and ".." not in name.split("/")
    known = name in (MANIFEST, *DATABASE_MEMBER.values()) or name.startswith(MEDIA_PREFIX)
    return inside and known and (member.isfile() or member.isdir())


def _check_manifest(manifest: dict, path: Path, vendor: str) -> None:
    if manifest.get("version") != VERSION:
        raise BackupError(
            f"{path.name}: формат копии версии {manifest.get('version')} не поддерживается "
            f"(поддерживается {VERSION})."
        )
    kind = manifest.get("database")
    if kind != vendor:
        raise BackupError(
            f"{path.name}: копия сделана с базы {VENDOR_NAMES.get(kind, kind)}, а эта установка работает "
            f"на {VENDOR_NAMES[vendor]}. Восстановите её в установку с той же базой данных."
        )
    known = {
        f"{app}.{name}"
        for app, name in MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    }
    newer = [m for m in manifest.get("migrations", []) if m not in known]
    if newer:
        raise BackupError(
            f"{path.name}: копия сделана более новой версией MuniPlan "
            f"(неизвестные миграции: {', '.join(newer[:5])}). Обновите программу."
        )


def installation_contents(connection, media_root: Path) -> list[str]:
    """What the installation already holds, as Russian phrases; empty for a fresh installation."""
    tables = set(connection.introspection.table_names())
    counts: dict[str, int] = {}
    for model in apps.get_models():
        if model._meta.label_lower in _MIGRATE_MADE or model._meta.db_table not in tables:
            continue
        label = _CONTENT_NAMES.get(model._meta.label_lower, "другие записи")
        counts[label] = (
            counts.get(label, 0) + model._default_manager.using(connection.alias).count()
        )
    other = counts.pop("другие записи", 0)
    found = [f"{label}: {count}" for label, count in counts.items() if count]
    found += [f"другие записи: {other}"] if other else []
    files = len(_media_files(media_root))
    if files:
        found.append(f"файлы в {media_root}: {files}")
    return found


def _refuse_existing_data(connection, media_root: Path) -> None:
    found = installation_contents(connection, media_root)
    if found:
        raise BackupError(
            "Установка не пуста (" + "; ".join(found) + "). Восстановление заменит всё "
            "это содержимым копии; чтобы согласиться, повторите команду с --force."
        )


def _sqlite_check(database: Path, path: Path) -> None:
    try:
        copy = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
        try:
            verdict = copy.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            copy.close()
    except (sqlite3.Error, TypeError) as error:
        raise BackupError(f"{path.name}: база в копии повреждена ({error}).") from error
    if verdict != "ok":
        raise BackupError(f"{path.name}: база в копии повреждена ({verdict}).")


def _sqlite_restore(connection, database: Path) -> None:
    target_name = str(connection.settings_dict["NAME"])
    Path(target_name).parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(database)
    target = sqlite3.connect(target_name)
    try:
        source.backup(target)  # replaces every page of the target under one lock
    except sqlite3.Error as error:
        raise BackupError(f"Не удалось записать базу SQLite {target_name}: {error}") from error
    finally:
        target.close()
        source.close()


# Tables of the installation go first, so that the copy lands on an empty schema even when the
# installation was migrated by a newer version; the whole script is one transaction.
_PG_CLEAR = """
DO $$ DECLARE t record; BEGIN
  FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema() LOOP
    EXECUTE format('DROP TABLE IF EXISTS %I CASCADE', t.tablename);
  END LOOP;
END $$;
"""


def _pg_restore(connection, database: Path, tmp: Path) -> None:
    script = tmp / "restore.sql"
    _run_pg_tool(
        ["pg_restore", "--no-owner", "--no-privileges", f"--file={script}", str(database)],
        connection,
        "Копия базы PostgreSQL не читается",
    )
    clear = tmp / "clear.sql"
    clear.write_text(_PG_CLEAR, encoding="utf-8")
    _run_pg_tool(
        [
            "psql",
            "--no-psqlrc",
            "--quiet",
            "--set=ON_ERROR_STOP=1",
            "--single-transaction",
            f"--file={clear}",
            f"--file={script}",
        ],
        connection,
        "Не удалось восстановить базу PostgreSQL (изменения отменены)",
    )


def _put_media(unpacked: Path, media_root: Path) -> int:
    """Move the archive's files into MEDIA_ROOT and remove files the archive does not have."""
    wanted = set(_media_files(unpacked))
    for relative in _media_files(media_root):
        if relative not in wanted:
            (media_root / relative).unlink()
    for relative in wanted:
        target = media_root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(unpacked / relative, target)
    return len(wanted)
