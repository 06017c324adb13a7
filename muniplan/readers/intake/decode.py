"""Bytes of a text upload to text, in the encodings Russian offices save in."""

from __future__ import annotations

from muniplan.readers.draft import ReadError


def decode_text(filename: str, data: bytes) -> str:
    """UTF-8 (with or without BOM) or Windows-1251."""
    for encoding in ("utf-8-sig", "cp1251"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:
            return text
    raise ReadError(
        f"Файл {filename} не является текстовым файлом в кодировке UTF-8 или Windows-1251."
    )
