"""Writing the database and the files into an archive."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

from .archive import (
    DATABASE_MEMBER,
    FORMAT,
    MANIFEST,
    MEDIA_PREFIX,
    VERSION,
    media_files,
    sha256_file,
    supported_vendor,
)
from .errors import BackupError, os_reason
from .postgres import pg_dump
from .sqlite import sqlite_copy


@dataclass
class BackupResult:
    path: Path
    database: str
    media_files: int
    size: int


def installation_backup(*, path: Path, using: str = DEFAULT_DB_ALIAS) -> BackupResult:
    """Write the archive to `path` (through a temporary file beside it, renamed when complete)."""
    path = Path(path)
    if not path.parent.is_dir():
        raise BackupError(f"Папка для резервной копии не существует: {path.parent}.")
    connection = connections[using]
    vendor = supported_vendor(connection)
    media_root = Path(settings.MEDIA_ROOT)
    try:
        return _backup(path, connection, vendor, media_root)
    except OSError as error:
        raise BackupError(
            f"Не удалось записать резервную копию {path}: {os_reason(error)}."
        ) from error


def _backup(path: Path, connection, vendor: str, media_root: Path) -> BackupResult:
    created = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    with tempfile.TemporaryDirectory(prefix=".muniplan-backup-", dir=path.parent) as tmp:
        database = Path(tmp) / DATABASE_MEMBER[vendor]
        if vendor == "sqlite":
            facts = sqlite_copy(connection, database)
        else:
            facts = pg_dump(connection, database, path)
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
                "database_sha256": sha256_file(database),
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
    for relative in media_files(media_root):
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


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(dt.datetime.now().timestamp())
    archive.addfile(info, io.BytesIO(data))
