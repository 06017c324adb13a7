"""What must hold before a restore changes anything: the archive's manifest, database and files
match each other and this version, and the installation is empty unless it is to be replaced."""

from __future__ import annotations

import re
from pathlib import Path

from django.apps import apps
from django.db.migrations.loader import MigrationLoader

from .archive import (
    COUNTED,
    MANIFEST,
    MEDIA_PREFIX,
    VENDOR_NAMES,
    VERSION,
    DatabaseFacts,
    counted_tables,
    media_files,
    sha256_file,
)
from .errors import BackupError

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


def check_manifest(manifest: dict, path: Path, vendor: str) -> None:
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


def check_database_file(database: Path, manifest: dict, path: Path) -> None:
    if not database.is_file():
        raise BackupError(f"{path.name}: в архиве нет базы данных {database.name}.")
    expected = manifest.get("database_sha256")
    if expected is not None and sha256_file(database) != expected:
        raise BackupError(
            f"{path.name}: база данных {database.name} не совпадает с контрольной суммой "
            f"из {MANIFEST} — копия повреждена или подменена."
        )


def check_media(unpacked: Path, manifest: dict, path: Path) -> None:
    """Every file against the manifest's checksum, or (older archives) against its SHA-256 name."""
    found = media_files(unpacked)
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
        if expected is not None and sha256_file(unpacked / relative) != expected:
            raise BackupError(
                f"{path.name}: файл {MEDIA_PREFIX}{relative} не совпадает со своей контрольной "
                "суммой — копия повреждена или подменена."
            )


def check_database(facts: DatabaseFacts, manifest: dict, path: Path, member: str) -> None:
    """The copy is a MuniPlan database this version can migrate, and the one the manifest describes."""
    applied = facts.migrations or []
    apps_applied = {name.split(".")[0] for name in applied}
    tables = counted_tables()
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
    files = len(media_files(media_root))
    if files:
        found.append(f"файлы в {media_root}: {files}")
    return found


def refuse_existing_data(connection, media_root: Path) -> None:
    found = installation_contents(connection, media_root)
    if found:
        raise BackupError(
            "Установка не пуста (" + "; ".join(found) + "). Восстановление заменит всё "
            "это содержимым копии; чтобы согласиться, повторите команду с --force."
        )
