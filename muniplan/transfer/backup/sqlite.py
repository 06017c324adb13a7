"""The embedded SQLite database: its copy into an archive, the check of a copy, and its load."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from .archive import DatabaseFacts, counted_tables
from .errors import BackupError


def sqlite_copy(connection, target: Path) -> DatabaseFacts:
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
            for label, table in counted_tables().items()
            if table in tables
        }
    return DatabaseFacts([f"{app}.{name}" for app, name in rows], counts, tables)


def sqlite_check(database: Path, path: Path) -> DatabaseFacts:
    damaged = f"{path.name}: база {database.name} не читается как база SQLite — копия повреждена."
    try:
        with closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as copy:
            verdict = copy.execute("PRAGMA integrity_check").fetchone()[0]
        if verdict != "ok":
            raise BackupError(damaged)
        return _sqlite_facts(database)
    except (sqlite3.Error, TypeError) as error:
        raise BackupError(damaged) from error


def sqlite_restore(connection, database: Path) -> None:
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
