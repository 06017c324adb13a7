"""Checks for evidence files people attach (photos, scans, documents): size, kind, and that the bytes
are what the name says. A refusal is a ValidationError in Russian naming the file."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

from muniplan.readers.detect import _check_office_zip
from muniplan.readers.draft import ReadError

# suffix → (content type served back, how the file starts)
KINDS: dict[str, tuple[str, tuple[bytes, ...]]] = {
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (b"PK\x03\x04",)),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (b"PK\x03\x04",)),
}


@dataclass(frozen=True)
class CheckedFile:
    name: str
    extension: str
    content_type: str
    size: int
    sha256: str


def check_attachment(filename: str, data: bytes, *, limit: int | None = None) -> CheckedFile:
    limit = limit or settings.MUNIPLAN_MAX_UPLOAD_BYTES
    name = PurePath(filename).name[:255] or "файл"
    suffix = PurePath(name).suffix.lower()
    if suffix not in KINDS:
        raise ValidationError(f"Файл {name}: вид «{suffix or 'без расширения'}» не принимается. "
                              f"Допустимы {', '.join(KINDS)}.")
    if not data:
        raise ValidationError(f"Файл {name} пуст.")
    if len(data) > limit:
        raise ValidationError(f"Файл {name} слишком большой: {filesizeformat(len(data))}, "
                              f"допустимо не более {filesizeformat(limit)}.")
    content_type, signatures = KINDS[suffix]
    if not data.startswith(signatures):
        raise ValidationError(f"Файл {name} не является файлом {suffix}: его содержимое другого вида.")
    if suffix in (".docx", ".xlsx"):
        try:
            _check_office_zip(name, suffix, data)
        except ReadError as error:
            raise ValidationError(str(error)) from error
    return CheckedFile(name, suffix, content_type, len(data), hashlib.sha256(data).hexdigest())
