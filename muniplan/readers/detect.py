"""The one entry point for an uploaded document: checks it, then hands it to its reader.

Every refusal is a ReadError with a Russian message naming the file, shown to the user as is.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import PurePath

from muniplan.readers.draft import PlanDraft, ReadError, ResolutionDraft
from muniplan.readers.resolution import looks_like_resolution, read_resolution_text
from muniplan.readers.sheet_reader import decode_text
from muniplan.readers.table import Table

MB = 1024 * 1024
DEFAULT_LIMIT = 20 * MB
# Office files compress well (XML ≈ 10:1), but not a thousand to one; and a plan document
# never holds hundreds of megabytes of XML. Both are checked on the zip directory, before
# anything is decompressed.
MAX_UNPACKED = 200 * MB
MAX_RATIO = 200
MAX_ENTRIES = 5000

SUPPORTED = (".docx", ".xlsx", ".csv", ".txt", ".pdf")
_OLD_FORMATS = {".doc": ".docx", ".xls": ".xlsx", ".rtf": ".docx", ".odt": ".docx", ".ods": ".xlsx"}
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MEMBER = {".docx": "word/document.xml", ".xlsx": "xl/workbook.xml"}
_KIND = {".docx": "документом Word (.docx)", ".xlsx": "книгой Excel (.xlsx)"}

# Month-grid text: lines of «+» marks, the flattened ticks of twelve month columns.
_GRID_MARKS = re.compile(r"^\s*(\+\s*){1,12}$|(\s\+){2,}\s*$")
_PDF_HEADER_WORDS = re.compile(r"(?i)^(ОРИЕН-?|ПРОВЕДЕ|МЕРОПРИ|ПЛАНИРУЕМ|п/п)\s*$")


def read_document(
    filename: str, data: bytes, *, limit: int = DEFAULT_LIMIT
) -> PlanDraft | ResolutionDraft:
    return _guarded(_dispatch, filename, data, limit)


def read_table(filename: str, data: bytes, *, limit: int = DEFAULT_LIMIT) -> Table:
    """The plan table of a document as it stands, before its columns are understood: what the
    manual column mapping shows when the headers were not recognized."""
    return _guarded(_table, filename, data, limit)


def _guarded(read, filename: str, data: bytes, limit: int):
    """Check the upload, then read it; whatever a parser of a damaged file raises becomes a
    ReadError naming the file."""
    name = PurePath(filename).name or filename
    suffix = PurePath(name).suffix.lower()
    _check_basics(name, suffix, data, limit)
    try:
        return read(name, suffix, data)
    except ReadError:
        raise
    except Exception as error:  # noqa: BLE001 — parsers of damaged files fail in any way at all
        raise ReadError(
            f"Файл {name} повреждён или устроен непривычно, прочитать его не удалось "
            f"({type(error).__name__})."
        ) from error


def _check_basics(name: str, suffix: str, data: bytes, limit: int) -> None:
    if suffix in _OLD_FORMATS:
        raise ReadError(
            f"Файл {name} сохранён в формате {suffix}, который не поддерживается. "
            f"Откройте его и сохраните как {_OLD_FORMATS[suffix]}."
        )
    if suffix not in SUPPORTED:
        raise ReadError(
            f"Файл {name}: формат «{suffix or 'без расширения'}» не поддерживается. "
            f"Допустимы {', '.join(SUPPORTED)}."
        )
    if not data or (suffix in (".txt", ".csv") and not data.strip()):
        raise ReadError(f"Файл {name} пуст.")
    if len(data) > limit:
        raise ReadError(
            f"Файл {name} слишком большой: {_megabytes(len(data))} МБ, "
            f"допустимо не более {_megabytes(limit, digits=0)} МБ."
        )


def _megabytes(size: int, digits: int = 1) -> str:
    return f"{size / MB:.{digits}f}".replace(".", ",")


def _dispatch(name: str, suffix: str, data: bytes) -> PlanDraft | ResolutionDraft:
    if suffix == ".docx":
        _check_office_zip(name, suffix, data)
        from muniplan.readers.docx_reader import read_docx

        return read_docx(name, data)  # a .docx may also be a resolution
    if suffix == ".pdf":
        return _read_pdf(name, data)
    if suffix in (".xlsx", ".csv"):
        from muniplan.readers.plan_table import plan_from_table

        return plan_from_table(_table(name, suffix, data))
    return read_text(name, decode_text(name, data))


def _table(name: str, suffix: str, data: bytes) -> Table:
    if suffix in _ZIP_MEMBER:
        _check_office_zip(name, suffix, data)
    if suffix == ".docx":
        from muniplan.readers.docx_reader import docx_body_table

        return docx_body_table(name, data)
    if suffix == ".xlsx":
        from muniplan.readers.sheet_reader import xlsx_table

        return xlsx_table(name, data)
    if suffix == ".csv":
        from muniplan.readers.sheet_reader import csv_table

        return csv_table(name, data)
    if suffix == ".pdf":
        from muniplan.readers.pdf_reader import pdf_table

        return pdf_table(name, data)
    from muniplan.readers.text_tabs import tab_table

    return tab_table(name, decode_text(name, data))


def _check_office_zip(name: str, suffix: str, data: bytes) -> None:
    if data.startswith(_OLE):
        if "EncryptionInfo".encode("utf-16-le") in data or b"EncryptedPackage" in data:
            raise ReadError(f"Файл {name} защищён паролем. Снимите пароль и загрузите файл снова.")
        raise ReadError(
            f"Файл {name} на самом деле в старом формате Office. "
            f"Откройте его и сохраните как {suffix}."
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as error:
        raise ReadError(f"Файл {name} повреждён или не является {_KIND[suffix]}.") from error
    with archive:
        entries = archive.infolist()
        _check_bomb(name, entries)
        if _ZIP_MEMBER[suffix] not in archive.namelist():
            raise ReadError(f"Файл {name} повреждён или не является {_KIND[suffix]}.")


def _check_bomb(name: str, entries: list[zipfile.ZipInfo]) -> None:
    """Sizes come from the zip directory; Python's zipfile never inflates an entry past the
    size declared there, so checking the directory bounds what the readers will unpack."""
    unpacked = sum(e.file_size for e in entries)
    packed = sum(e.compress_size for e in entries) or 1
    if (
        len(entries) > MAX_ENTRIES
        or unpacked > MAX_UNPACKED
        or (unpacked > MB and unpacked / packed > MAX_RATIO)
    ):
        raise ReadError(
            f"Файл {name} отклонён: после распаковки он занял бы {_megabytes(unpacked)} МБ "
            f"(сжатие {unpacked // packed}:1) — так устроены «zip-бомбы», а не документы."
        )


def _read_pdf(name: str, data: bytes) -> PlanDraft:
    if not data.startswith(b"%PDF"):
        raise ReadError(f"Файл {name} повреждён или не является PDF-документом.")
    try:
        from muniplan.readers.pdf_reader import read_pdf
    except ModuleNotFoundError as error:
        raise ReadError(f"Файл {name}: чтение PDF пока не подключено.") from error
    return read_pdf(name, data)


def read_text(name: str, text: str) -> PlanDraft | ResolutionDraft:
    """Text files come in several shapes; each has its reader."""
    lines = text.replace("\r\n", "\n").split("\n")
    if looks_like_resolution(lines):
        return read_resolution_text(name, text)
    if sum("\t" in line for line in lines) >= 3:
        from muniplan.readers.text_tabs import read_tab_text

        return read_tab_text(name, text)
    if sum(bool(_GRID_MARKS.search(line)) for line in lines) >= 3:
        from muniplan.readers.text_grid import read_grid_text

        return read_grid_text(name, text)
    if sum(bool(_PDF_HEADER_WORDS.match(line.strip())) for line in lines[:80]) >= 2:
        from muniplan.readers.text_pdf_dump import read_pdf_dump

        return read_pdf_dump(name, text)
    raise ReadError(
        f"Файл {name}: не удалось распознать в тексте ни таблицу плана, ни резолюцию. "
        f"Сохраните план как .docx или .xlsx и загрузите снова."
    )
