"""Restoring an installation from an archive, once the archive has passed every check."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections

from .archive import DATABASE_MEMBER, media_files, supported_vendor
from .checks import (
    check_database,
    check_database_file,
    check_manifest,
    check_media,
    refuse_existing_data,
)
from .errors import BackupError, os_reason
from .postgres import pg_restore, pg_script
from .sqlite import sqlite_check, sqlite_restore
from .unpack import unpack


@dataclass
class RestoreResult:
    database: str
    media_files: int
    created: str


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
    checks it can pass: see the package docstring.
    """
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"Файл резервной копии не найден: {path}.")
    connection = connections[using]
    vendor = supported_vendor(connection)
    media_root = Path(settings.MEDIA_ROOT)
    try:
        return _restore(path, connection, vendor, media_root, replace)
    except OSError as error:
        raise BackupError(f"Не удалось восстановить из {path.name}: {os_reason(error)}.") from error


def _restore(path: Path, connection, vendor: str, media_root: Path, replace: bool) -> RestoreResult:
    media_root.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".muniplan-restore-", dir=media_root.parent) as tmp:
        manifest = unpack(path, Path(tmp))
        check_manifest(manifest, path, vendor)
        database = Path(tmp) / DATABASE_MEMBER[vendor]
        check_database_file(database, manifest, path)
        check_media(Path(tmp) / "media", manifest, path)
        if vendor == "sqlite":
            facts = sqlite_check(database, path)
        else:
            script = Path(tmp) / "restore.sql"
            facts = pg_script(connection, database, script, path)
        check_database(facts, manifest, path, database.name)
        if not replace:
            refuse_existing_data(connection, media_root)
        connections.close_all()
        if vendor == "sqlite":
            sqlite_restore(connection, database)
        else:
            pg_restore(connection, script, path)
        connections.close_all()
        # An archive of an older version gains the later migrations.
        call_command("migrate", database=connection.alias, interactive=False, verbosity=0)
        media = _put_media(Path(tmp) / "media", media_root)
    return RestoreResult(database=vendor, media_files=media, created=manifest.get("created", ""))


def _put_media(unpacked: Path, media_root: Path) -> int:
    """Move the archive's files into MEDIA_ROOT and remove files the archive does not have."""
    wanted = set(media_files(unpacked))
    for relative in media_files(media_root):
        if relative not in wanted:
            (media_root / relative).unlink()
    for relative in wanted:
        target = media_root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(unpacked / relative, target)
    return len(wanted)
