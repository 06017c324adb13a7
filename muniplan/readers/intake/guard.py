"""Checks an upload passes before any parser sees it: its format, its size, and for the
zip-based Office formats the zip directory (bombs) and the parts the readers will inflate.

Every refusal is a ReadError with a Russian message naming the file.
"""

from __future__ import annotations

import io
import zipfile

from muniplan.lib.sizes import MB, megabytes, too_large
from muniplan.readers.draft import ReadError

DEFAULT_LIMIT = 20 * MB
# Office files compress well (XML ≈ 10:1), but not a thousand to one; and a plan document
# never holds hundreds of megabytes of XML. Both are checked on the zip directory, before
# anything is decompressed.
MAX_UNPACKED = 200 * MB
MAX_RATIO = 200
MAX_ENTRIES = 5000
# The parts a reader parses into a tree (the body of a Word document, the sheets of a
# workbook) cost about fifteen times their size in memory: a 180 MB document.xml took 3 GB.
# A plan of two thousand activities is about 2 MB of XML, so 10 MB leaves room and keeps the
# worst accepted file well under 300 MB of memory.
MAX_PARSED_PART = 10 * MB
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def check_basics(
    name: str, suffix: str, data: bytes, limit: int, supported: tuple[str, ...]
) -> None:
    if suffix not in supported:
        raise ReadError(
            f"Файл {name}: формат «{suffix or 'без расширения'}» не поддерживается. "
            f"Допустимы {', '.join(supported)}."
        )
    if not data or not data.strip():
        raise ReadError(f"Файл {name} пуст.")
    if len(data) > limit:
        raise ReadError(too_large(name, len(data), limit))


def check_not_encrypted(name: str, data: bytes) -> None:
    """A password-protected Office file is an OLE container whatever its suffix."""
    if data.startswith(OLE) and (
        "EncryptionInfo".encode("utf-16-le") in data
        or b"EncryptedPackage" in data
        or _legacy_encrypted(data)
    ):
        raise ReadError(f"Файл {name} защищён паролем. Снимите пароль и загрузите файл снова.")


def _legacy_encrypted(data: bytes) -> bool:
    """Word 97's FIB, the start of the WordDocument stream, carries fEncrypted (bit 0x0100 of the
    flags at offset 0x0A). The stream's first sector is named by its entry in the OLE directory:
    128 bytes, the name in UTF-16 and its length in bytes at 0x40, the first sector at 0x74.
    Word writes the stream near the start of the file, LibreOffice after its other streams."""
    shift = int.from_bytes(data[0x1E:0x20], "little")
    sector = 1 << shift if shift in (9, 12) else 512
    name = "WordDocument\0".encode("utf-16-le")
    at = data.find(name)
    while at != -1:
        if at % 128 == 0 and data[at + 0x40 : at + 0x42] == len(name).to_bytes(2, "little"):
            fib = (int.from_bytes(data[at + 0x74 : at + 0x78], "little") + 1) * sector
            if data[fib : fib + 2] == b"\xec\xa5":
                return bool(int.from_bytes(data[fib + 0x0A : fib + 0x0C], "little") & 0x0100)
        at = data.find(name, at + 1)
    return False


def check_office_zip(
    name: str, data: bytes, *, member: str, kind: str, parsed: tuple[str, ...]
) -> None:
    """`member` must be present; the parts whose names start with one of `parsed` are those a
    reader builds a tree of, and their declared size is held to MAX_PARSED_PART together."""
    check_not_encrypted(name, data)
    if data.startswith(OLE):
        raise ReadError(f"Файл {name} на самом деле в старом формате Office, а не {kind}.")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as error:
        raise ReadError(f"Файл {name} повреждён или не является {kind}.") from error
    with archive:
        entries = archive.infolist()
        check_bomb(name, entries)
        if member not in archive.namelist():
            raise ReadError(f"Файл {name} повреждён или не является {kind}.")
        _check_parsed_parts(name, entries, parsed)


def check_bomb(name: str, entries: list[zipfile.ZipInfo]) -> None:
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
            f"Файл {name} отклонён: после распаковки он занял бы {megabytes(unpacked)} МБ "
            f"(сжатие {unpacked // packed}:1) — так устроены «zip-бомбы», а не документы."
        )


def _check_parsed_parts(name: str, entries: list[zipfile.ZipInfo], parsed: tuple[str, ...]) -> None:
    size = sum(e.file_size for e in entries if e.filename.startswith(parsed))
    if size > MAX_PARSED_PART:
        raise ReadError(
            f"Файл {name} отклонён: текст документа после распаковки занимает "
            f"{megabytes(size)} МБ, допустимо не более {megabytes(MAX_PARSED_PART, digits=0)} МБ. "
            f"Разделите план на несколько файлов."
        )
