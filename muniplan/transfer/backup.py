"""Backup and restore of a whole installation: the database and the stored originals in one archive.

The archive is a gzip-compressed tar file:

    database.sqlite3     the embedded database, copied with SQLite's online backup API, or
    database.dump        PostgreSQL's custom-format `pg_dump` (one exported snapshot)
    media/...            every file under MEDIA_ROOT
    manifest.json        format, database kind, applied migrations, time of the copy, and what
                         the restore checks the copy against: `counts` of the main tables,
                         `database_sha256` of the database member, `media` (path → SHA-256)

Both copies are consistent while the app keeps serving and writing: the SQLite backup step reads
one snapshot (WAL lets writers go on); on PostgreSQL the counts and migrations are read in one
repeatable-read transaction whose snapshot `pg_dump` shares. The database is copied before the
files, so every original the copied rows point at is already on disk.

A restore checks the whole archive before it touches anything — the checksums of the database and
of every file, that the database is MuniPlan's at a migration state this version knows, and that
its applied migrations and table counts are the ones the manifest records — refuses an
installation that holds data unless told to replace it, replaces the database in one step (SQLite
backup into the file; one `psql` transaction on PostgreSQL) and then puts the files in place.

Archives written before the manifest carried `counts`, `database_sha256` and `media` still
restore: their database must still be a MuniPlan database whose migrations match the manifest,
and files stored under their SHA-256 names are checked against the name; the rest cannot be.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import zlib
from contextlib import closing
from dataclasses import dataclass, field
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
# The main tables whose row counts the manifest records and a restore compares.
COUNTED = {
    "accounts.organization": "организации",
    "plans.plan": "планы",
    "plans.activity": "мероприятия",
    "execution.executionreport": "отчёты",
}
# Apps every MuniPlan database has had since the first release.
_CORE_APPS = ("accounts", "plans")
_SHA256_NAME = re.compile(r"[0-9a-f]{64}")
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
_OS_REASONS = {
    errno.ENOSPC: "нет места на диске",
    errno.EDQUOT: "превышена дисковая квота",
    errno.EACCES: "нет прав доступа",
    errno.EPERM: "нет прав доступа",
    errno.EROFS: "файловая система доступна только для чтения",
    errno.ENOENT: "файл или папка не найдены",
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


@dataclass
class DatabaseFacts:
    """What a database copy holds: applied migrations (None without a migrations table), the row
    counts of the COUNTED tables it has, and the names of its tables."""

    migrations: list[str] | None
    counts: dict[str, int] = field(default_factory=dict)
    tables: set[str] = field(default_factory=set)


def _os_reason(error: OSError) -> str:
    reason = _OS_REASONS.get(error.errno, f"ошибка ввода-вывода (код {error.errno})")
    return f"{reason}: {error.filename}" if error.filename else reason


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _counted_tables() -> dict[str, str]:
    """Counted label → its table name."""
    return {label: apps.get_model(label)._meta.db_table for label in COUNTED}


# --- backup ----------------------------------------------------------------------------------


def installation_backup(*, path: Path, using: str = DEFAULT_DB_ALIAS) -> BackupResult:
    """Write the archive to `path` (through a temporary file beside it, renamed when complete)."""
    path = Path(path)
    if not path.parent.is_dir():
        raise BackupError(f"Папка для резервной копии не существует: {path.parent}.")
    connection = connections[using]
    vendor = _vendor(connection)
    media_root = Path(settings.MEDIA_ROOT)
    try:
        return _backup(path, connection, vendor, media_root)
    except OSError as error:
        raise BackupError(
            f"Не удалось записать резервную копию {path}: {_os_reason(error)}."
        ) from error


def _backup(path: Path, connection, vendor: str, media_root: Path) -> BackupResult:
    created = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    with tempfile.TemporaryDirectory(prefix=".muniplan-backup-", dir=path.parent) as tmp:
        database = Path(tmp) / DATABASE_MEMBER[vendor]
        if vendor == "sqlite":
            facts = _sqlite_copy(connection, database)
        else:
            facts = _pg_dump(connection, database, path)
        partial = Path(tmp) / "archive.tar.gz"
        with tarfile.open(partial, "w:gz", compresslevel=6) as archive:
            archive.add(database, arcname=database.name)
            media = _add_media(archive, media_root)
            manifest = {
                "format": FORMAT,
                "version": VERSION,
                "database": vendor,
                "created": created,
                "migrations": facts.migrations,
                "counts": facts.counts,
                "database_sha256": _sha256_file(database),
                "media": media,
            }
            # Last, since it lists the checksums of what precedes it; a restore reads every member.
            _add_bytes(
                archive, MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1).encode()
            )
        os.replace(partial, path)
    return BackupResult(
        path=path, database=vendor, media_files=len(media), size=path.stat().st_size
    )


class _Hashing:
    """A file object that hashes what tarfile reads from it, so a file is read once."""

    def __init__(self, stream):
        self.stream, self.digest = stream, hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self.stream.read(size)
        self.digest.update(data)
        return data


def _add_media(archive: tarfile.TarFile, media_root: Path) -> dict[str, str]:
    """Add every file under `media_root`; return path → SHA-256 of what went into the archive."""
    added = {}
    for relative in _media_files(media_root):
        try:
            stream = open(media_root / relative, "rb")
        except FileNotFoundError:
            continue  # removed meanwhile (a stale upload cleaned up): the copy does not need it
        with stream:
            info = archive.gettarinfo(arcname=MEDIA_PREFIX + relative, fileobj=stream)
            hashing = _Hashing(stream)
            archive.addfile(info, hashing)
            added[relative] = hashing.digest.hexdigest()
    return added


def _vendor(connection) -> str:
    if connection.vendor not in DATABASE_MEMBER:
        raise BackupError(
            f"Резервное копирование базы {connection.vendor} не поддерживается: "
            "только SQLite и PostgreSQL."
        )
    return connection.vendor


def _sqlite_copy(connection, target: Path) -> DatabaseFacts:
    source_name = str(connection.settings_dict["NAME"])
    if not Path(source_name).is_file():
        raise BackupError(f"Файл базы данных не найден: {source_name}.")
    # A connection of our own: Django's may sit inside a transaction of the caller.
    source = sqlite3.connect(source_name)
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)  # one step: one read snapshot of the whole database
    except sqlite3.Error as error:
        raise BackupError(
            f"Не удалось скопировать базу SQLite {source_name}: она заблокирована или повреждена."
        ) from error
    finally:
        copy.close()
        source.close()
    return _sqlite_facts(target)


def _sqlite_facts(database: Path) -> DatabaseFacts:
    """Read from the copy itself, so the manifest describes exactly what was copied."""
    with closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as db:
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "django_migrations" not in tables:
            return DatabaseFacts(migrations=None, tables=tables)
        rows = db.execute("SELECT app, name FROM django_migrations ORDER BY id").fetchall()
        counts = {
            label: db.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
            for label, table in _counted_tables().items()
            if table in tables
        }
    return DatabaseFacts([f"{app}.{name}" for app, name in rows], counts, tables)


def _pg_params(connection) -> dict[str, str]:
    params = connection.settings_dict
    values = {
        "host": params.get("HOST"),
        "port": params.get("PORT"),
        "user": params.get("USER"),
        "password": params.get("PASSWORD"),
        "dbname": params.get("NAME"),
    }
    return {k: str(v) for k, v in values.items() if v}


def _pg_environment(connection) -> dict[str, str]:
    names = {"host": "PGHOST", "port": "PGPORT", "user": "PGUSER", "password": "PGPASSWORD"}
    names["dbname"] = "PGDATABASE"
    return {**os.environ, **{names[k]: v for k, v in _pg_params(connection).items()}}


def _run_pg_tool(command: list[str], connection, what: str, stdin=None) -> None:
    """Run a PostgreSQL client; on failure `what` (a Russian sentence) leads the message and the
    tool's own output follows on the next line, for whoever has to find the cause."""
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
        raise BackupError(f"{what}\nСообщение {command[0]}: {done.stderr.strip()}")


def _pg_dump(connection, target: Path, path: Path) -> DatabaseFacts:
    """Dump the snapshot the counts and migrations were read in (uncompressed: the whole archive
    is compressed once)."""
    raw = connection.Database.connect(**_pg_params(connection))
    try:
        raw.autocommit = True
        with closing(raw.cursor()) as cursor:
            cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            facts = _pg_live_facts(cursor)
            _run_pg_tool(
                ["pg_dump", "--format=custom", "--compress=0", f"--snapshot={snapshot}"]
                + [f"--file={target}"],
                connection,
                f"Не удалось сделать копию базы PostgreSQL для {path.name}.",
            )
            cursor.execute("COMMIT")
    finally:
        raw.close()
    return facts


def _pg_live_facts(cursor) -> DatabaseFacts:
    cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
    tables = {row[0] for row in cursor.fetchall()}
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY id")
    migrations = [f"{app}.{name}" for app, name in cursor.fetchall()]
    counts = {}
    for label, table in _counted_tables().items():
        if table in tables:
            cursor.execute(f'SELECT count(*) FROM "{table}"')
            counts[label] = cursor.fetchone()[0]
    return DatabaseFacts(migrations, counts, tables)


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

    Refuses (BackupError naming the file, and the member when one is at fault; nothing changed) a
    missing, empty, cut or damaged archive; an archive of the other database kind or of a newer
    version of MuniPlan; a database or file that does not match its checksum in the manifest; a
    database that is not MuniPlan's or whose migrations or table counts differ from the manifest;
    and — unless `replace` — an installation that already holds data or files. An archive without
    the manifest's checksums and counts (written before they were added) restores after the
    checks it can pass: see the module docstring.
    """
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"Файл резервной копии не найден: {path}.")
    connection = connections[using]
    vendor = _vendor(connection)
    media_root = Path(settings.MEDIA_ROOT)
    try:
        return _restore(path, connection, vendor, media_root, replace)
    except OSError as error:
        raise BackupError(
            f"Не удалось восстановить из {path.name}: {_os_reason(error)}."
        ) from error


def _restore(path: Path, connection, vendor: str, media_root: Path, replace: bool) -> RestoreResult:
    media_root.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".muniplan-restore-", dir=media_root.parent) as tmp:
        manifest = _unpack(path, Path(tmp))
        _check_manifest(manifest, path, vendor)
        database = Path(tmp) / DATABASE_MEMBER[vendor]
        _check_database_file(database, manifest, path)
        _check_media(Path(tmp) / "media", manifest, path)
        if vendor == "sqlite":
            facts = _sqlite_check(database, path)
        else:
            script = Path(tmp) / "restore.sql"
            facts = _pg_script(connection, database, script, path)
        _check_database(facts, manifest, path, database.name)
        if not replace:
            _refuse_existing_data(connection, media_root)
        connections.close_all()
        if vendor == "sqlite":
            _sqlite_restore(connection, database)
        else:
            _pg_restore(connection, script, path)
        connections.close_all()
        # An archive of an older version gains the later migrations.
        call_command("migrate", database=connection.alias, interactive=False, verbosity=0)
        media = _put_media(Path(tmp) / "media", media_root)
    return RestoreResult(database=vendor, media_files=media, created=manifest.get("created", ""))


def _unpack(path: Path, into: Path) -> dict:
    """Extract every member (reading the archive to its end checks its checksums); return the manifest."""
    with open(path, "rb") as stream:
        start = stream.read(2)
    if not start:
        raise BackupError(f"{path.name}: файл пуст — это не резервная копия MuniPlan.")
    if start != b"\x1f\x8b":
        raise BackupError(f"{path.name}: это не архив .tar.gz — не резервная копия MuniPlan.")
    names = _extract(path, into)
    if MANIFEST not in names:
        raise BackupError(f"{path.name}: это не резервная копия MuniPlan (нет {MANIFEST}).")
    try:
        manifest = json.loads((into / MANIFEST).read_text(encoding="utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise BackupError(
            f"{path.name}: {MANIFEST} не читается — это не резервная копия MuniPlan."
        ) from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{path.name}: это не резервная копия MuniPlan (неизвестный {MANIFEST}).")
    return manifest


def _extract(path: Path, into: Path) -> set[str]:
    """Extract member by member, so that a damaged archive is reported at the member it breaks in."""
    current = None
    names = set()
    # Python's "data" filter (3.11.4+) refuses what _expected_member does again, and odd permissions.
    data_filter = {"filter": "data"} if hasattr(tarfile, "data_filter") else {}
    try:
        with tarfile.open(path, "r:gz") as archive:
            while (member := archive.next()) is not None:
                if not _expected_member(member):
                    raise BackupError(f"{path.name}: посторонний элемент в архиве: {member.name}.")
                current = member.name
                archive.extract(member, into, **data_filter)
                names.add(member.name)
                current = None
    except BackupError:
        raise
    except (EOFError, tarfile.ReadError, zlib.error, OSError) as error:
        raise _archive_error(path, current, bool(names), error) from error
    return names


def _archive_error(path: Path, member: str | None, started: bool, error: Exception) -> BackupError:
    at = f" на элементе {member}" if member else ""
    cut = isinstance(error, EOFError) or "unexpected end of data" in str(error)
    if cut:
        return BackupError(
            f"{path.name}: архив обрывается{at} — файл записан или скопирован не полностью."
        )
    if isinstance(error, OSError) and error.errno is not None:  # the disk, not the archive
        return BackupError(f"Не удалось распаковать {path.name}: {_os_reason(error)}.")
    if isinstance(error, tarfile.ReadError) and not started:
        return BackupError(f"{path.name}: это не архив .tar.gz — не резервная копия MuniPlan.")
    return BackupError(f"{path.name}: архив повреждён{at} — возьмите другую копию.")


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
    expected = {"migrations": list, "counts": dict, "media": dict, "database_sha256": str}
    for key, kind in expected.items():
        if key in manifest and not isinstance(manifest[key], kind):
            raise BackupError(f"{path.name}: {MANIFEST} не читается (поле {key}).")
    _refuse_newer(manifest.get("migrations", []), path)


def _refuse_newer(migrations: list[str], path: Path) -> None:
    known = {
        f"{app}.{name}"
        for app, name in MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    }
    newer = [m for m in migrations if m not in known]
    if newer:
        raise BackupError(
            f"{path.name}: копия сделана более новой версией MuniPlan "
            f"(неизвестные миграции: {', '.join(newer[:5])}). Обновите программу."
        )


def _check_database_file(database: Path, manifest: dict, path: Path) -> None:
    if not database.is_file():
        raise BackupError(f"{path.name}: в архиве нет базы данных {database.name}.")
    expected = manifest.get("database_sha256")
    if expected is not None and _sha256_file(database) != expected:
        raise BackupError(
            f"{path.name}: база данных {database.name} не совпадает с контрольной суммой "
            f"из {MANIFEST} — копия повреждена или подменена."
        )


def _check_media(unpacked: Path, manifest: dict, path: Path) -> None:
    """Every file against the manifest's checksum, or (older archives) against its SHA-256 name."""
    found = _media_files(unpacked)
    recorded = manifest.get("media")
    if recorded is not None and (absent := sorted(set(recorded) - set(found))):
        raise BackupError(
            f"{path.name}: в архиве нет файла {MEDIA_PREFIX}{absent[0]}, указанного в {MANIFEST}."
        )
    for relative in found:
        if recorded is not None:
            if relative not in recorded:
                raise BackupError(
                    f"{path.name}: файл {MEDIA_PREFIX}{relative} не указан в {MANIFEST}."
                )
            expected = recorded[relative]
        else:
            stem = Path(relative).name.split(".")[0]
            expected = stem if _SHA256_NAME.fullmatch(stem) else None
        if expected is not None and _sha256_file(unpacked / relative) != expected:
            raise BackupError(
                f"{path.name}: файл {MEDIA_PREFIX}{relative} не совпадает со своей контрольной "
                "суммой — копия повреждена или подменена."
            )


def _check_database(facts: DatabaseFacts, manifest: dict, path: Path, member: str) -> None:
    """The copy is a MuniPlan database this version can migrate, and the one the manifest describes."""
    applied = facts.migrations or []
    apps_applied = {name.split(".")[0] for name in applied}
    tables = _counted_tables()
    missing = [
        label
        for label, table in tables.items()
        if label.split(".")[0] in apps_applied and table not in facts.tables
    ]
    if facts.migrations is None or not set(_CORE_APPS) <= apps_applied or missing:
        raise BackupError(
            f"{path.name}: {member} — не база данных MuniPlan (в ней нет её таблиц и миграций)."
        )
    _refuse_newer(applied, path)
    if "migrations" in manifest and sorted(manifest["migrations"]) != sorted(applied):
        raise BackupError(
            f"{path.name}: в базе {member} применены не те миграции, что указаны в {MANIFEST}, — "
            "копия повреждена или подменена."
        )
    recorded = manifest.get("counts")
    if recorded is None:
        return
    differ = [
        f"{COUNTED[label]} — {facts.counts.get(label, 0)} вместо {recorded.get(label, 0)}"
        for label in COUNTED
        if facts.counts.get(label, 0) != recorded.get(label, 0)
    ]
    if differ:
        raise BackupError(
            f"{path.name}: в базе {member} не столько записей, сколько указано в {MANIFEST}: "
            + "; ".join(differ)
            + "."
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


def _sqlite_check(database: Path, path: Path) -> DatabaseFacts:
    damaged = f"{path.name}: база {database.name} не читается как база SQLite — копия повреждена."
    try:
        with closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as copy:
            verdict = copy.execute("PRAGMA integrity_check").fetchone()[0]
        if verdict != "ok":
            raise BackupError(damaged)
        return _sqlite_facts(database)
    except (sqlite3.Error, TypeError) as error:
        raise BackupError(damaged) from error


def _sqlite_restore(connection, database: Path) -> None:
    target_name = str(connection.settings_dict["NAME"])
    Path(target_name).parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(database)
    target = sqlite3.connect(target_name)
    try:
        source.backup(target)  # replaces every page of the target under one lock
    except sqlite3.Error as error:
        raise BackupError(
            f"Не удалось записать базу SQLite {target_name}: она занята другим процессом "
            "или недоступна для записи."
        ) from error
    finally:
        target.close()
        source.close()


_COPY = re.compile(r'COPY (?:"?\w+"?\.)?"?(\w+)"? \((.*)\) FROM stdin;')
_CREATE = re.compile(r'CREATE TABLE (?:"?\w+"?\.)?"?(\w+)"? \(')


def _pg_script(connection, database: Path, script: Path, path: Path) -> DatabaseFacts:
    """Turn the dump into the SQL script the restore runs, and read from it what it would load."""
    _run_pg_tool(
        ["pg_restore", "--no-owner", "--no-privileges", f"--file={script}", str(database)],
        connection,
        f"{path.name}: база {database.name} не читается как копия PostgreSQL — копия повреждена.",
    )
    return _script_facts(script)


def _script_facts(script: Path) -> DatabaseFacts:
    """Tables, migrations and counts from a plain-SQL dump: one COPY line per row."""
    counted = {table: label for label, table in _counted_tables().items()}
    tables, counts, migrations = set(), {}, None
    with open(script, encoding="utf-8") as lines:
        for line in lines:
            if created := _CREATE.match(line):
                tables.add(created.group(1))
            elif copied := _COPY.match(line):
                table = copied.group(1)
                columns = [c.strip('"') for c in copied.group(2).split(", ")]
                rows = _copy_rows(lines)
                if table in counted:
                    counts[counted[table]] = len(rows)
                if table == "django_migrations":
                    app, name = columns.index("app"), columns.index("name")
                    migrations = [f"{r[app]}.{r[name]}" for r in (r.split("\t") for r in rows)]
    return DatabaseFacts(migrations, counts, tables)


def _copy_rows(lines) -> list[str]:
    rows = []
    for line in lines:
        if line.rstrip("\n") == "\\.":
            break
        rows.append(line.rstrip("\n"))
    return rows


# Tables of the installation go first, so that the copy lands on an empty schema even when the
# installation was migrated by a newer version; the whole script is one transaction.
_PG_CLEAR = """
DO $$ DECLARE t record; BEGIN
  FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema() LOOP
    EXECUTE format('DROP TABLE IF EXISTS %I CASCADE', t.tablename);
  END LOOP;
END $$;
"""


def _pg_restore(connection, script: Path, path: Path) -> None:
    clear = script.with_name("clear.sql")
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
        f"Не удалось восстановить базу PostgreSQL из {path.name}; изменения отменены.",
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
