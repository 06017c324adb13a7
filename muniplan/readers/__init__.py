"""The one entry point for an uploaded document: checks it, converts a legacy format, then
hands it to its reader (`formats.FORMATS`).

Every refusal is a ReadError with a Russian message naming the file, shown to the user as is.
"""

from __future__ import annotations

from pathlib import PurePath

from muniplan.readers.draft import PlanDraft, ReadError, ResolutionDraft
from muniplan.readers.formats import FORMATS, SUPPORTED, Format, load
from muniplan.readers.intake.guard import DEFAULT_LIMIT, check_basics, check_office_zip
from muniplan.readers.table import Table

__all__ = ["DEFAULT_LIMIT", "SUPPORTED", "check_office_file", "read_document", "read_table"]


def read_document(
    filename: str, data: bytes, *, limit: int = DEFAULT_LIMIT
) -> PlanDraft | ResolutionDraft:
    return _guarded(_document, filename, data, limit)


def read_table(filename: str, data: bytes, *, limit: int = DEFAULT_LIMIT) -> Table:
    """The plan table of a document as it stands, before its columns are understood: what the
    manual column mapping shows when the headers were not recognized."""
    return _guarded(_table, filename, data, limit)


def _guarded(read, filename: str, data: bytes, limit: int):
    """Check the upload, bring it to a format a reader takes, then read it; whatever a parser
    of a damaged file raises becomes a ReadError naming the file."""
    name = PurePath(filename).name or filename
    suffix = PurePath(name).suffix.lower()
    check_basics(name, suffix, data, limit, SUPPORTED)
    try:
        fmt, data = _intake(name, FORMATS[suffix], data, limit)
        return read(fmt, name, data)
    except ReadError:
        raise
    except Exception as error:  # noqa: BLE001 — parsers of damaged files fail in any way at all
        raise ReadError(
            f"Файл {name} повреждён или устроен непривычно, прочитать его не удалось "
            f"({type(error).__name__})."
        ) from error


def _intake(name: str, fmt: Format, data: bytes, limit: int) -> tuple[Format, bytes]:
    if fmt.convert_to:
        from muniplan.readers.intake.convert import convert

        data = convert(name, data, fmt.convert_to, limit=limit)
        fmt = FORMATS[fmt.convert_to]
    if fmt.zip_member:
        _check_zip(name, fmt, data)
    return fmt, data


def _check_zip(name: str, fmt: Format, data: bytes) -> None:
    check_office_zip(
        name, data, member=fmt.zip_member, kind=f"документом {fmt.label}", parsed=fmt.parsed_parts
    )


def check_office_file(filename: str, data: bytes) -> None:
    """The importer's zip guard for a Word or Excel file that is stored rather than read (an
    attachment): a bomb, a password or a damaged archive is refused with a ReadError naming it."""
    name = PurePath(filename).name or filename
    _check_zip(name, FORMATS[PurePath(name).suffix.lower()], data)


def _document(fmt: Format, name: str, data: bytes) -> PlanDraft | ResolutionDraft:
    if fmt.document:
        return load(fmt.document)(name, data)
    from muniplan.readers.plan.mapper import plan_from_table

    return plan_from_table(_table(fmt, name, data))


def _table(fmt: Format, name: str, data: bytes) -> Table:
    return load(fmt.table)(name, data)
