"""Reading an archive back into a folder, refusing what is not a MuniPlan backup or is damaged."""

from __future__ import annotations

import json
import tarfile
import zlib
from pathlib import Path

from .archive import DATABASE_MEMBER, FORMAT, MANIFEST, MEDIA_PREFIX
from .errors import BackupError, os_reason


def unpack(path: Path, into: Path) -> dict:
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
        return BackupError(f"Не удалось распаковать {path.name}: {os_reason(error)}.")
    if isinstance(error, tarfile.ReadError) and not started:
        return BackupError(f"{path.name}: это не архив .tar.gz — не резервная копия MuniPlan.")
    return BackupError(f"{path.name}: архив повреждён{at} — возьмите другую копию.")


def _expected_member(member: tarfile.TarInfo) -> bool:
    """Only what a backup writes: plain files and folders, nothing that could leave the folder."""
    name = member.name
    inside = not name.startswith("/") and ".." not in name.split("/")
    known = name in (MANIFEST, *DATABASE_MEMBER.values()) or name.startswith(MEDIA_PREFIX)
    return inside and known and (member.isfile() or member.isdir())
