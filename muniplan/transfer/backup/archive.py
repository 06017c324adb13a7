"""The archive format: its members, what the manifest records about the database, checksums."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps

from .errors import BackupError

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


@dataclass
class DatabaseFacts:
    """What a database copy holds: applied migrations (None without a migrations table), the row
    counts of the COUNTED tables it has, and the names of its tables."""

    migrations: list[str] | None
    counts: dict[str, int] = field(default_factory=dict)
    tables: set[str] = field(default_factory=set)


def counted_tables() -> dict[str, str]:
    """Counted label → its table name."""
    return {label: apps.get_model(label)._meta.db_table for label in COUNTED}


def supported_vendor(connection) -> str:
    if connection.vendor not in DATABASE_MEMBER:
        raise BackupError(
            f"Резервное копирование базы {connection.vendor} не поддерживается: "
            "только SQLite и PostgreSQL."
        )
    return connection.vendor


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def media_files(root: Path) -> list[str]:
    if not root.is_dir():
        return []
    found = []
    for folder, _dirs, files in os.walk(root):
        for name in files:
            full = Path(folder) / name
            if full.is_file() and not full.is_symlink():
                found.append(full.relative_to(root).as_posix())
    return sorted(found)
