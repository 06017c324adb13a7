"""Many documents at once: a ZIP or several files → a batch of documents read in the
background, each then confirmed (transfer.services.document_confirm) or dropped on its own."""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass
from pathlib import PurePath, PurePosixPath

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction

from muniplan.accounts.models import Organization
from muniplan.audit.services import audit_record
from muniplan.readers import SUPPORTED, read_document
from muniplan.readers.draft import HeaderError, ReadError
from muniplan.readers.intake.guard import check_bomb

from .models import ImportBatch, ImportedDocument

MAX_DOCUMENTS = 100


def unpack(
    files: list[tuple[str, bytes]], *, limit: int
) -> tuple[list[tuple[str, bytes]], list[str]]:
    """The documents of an upload, ZIPs opened (one level), and the names of entries that are
    not documents. A ZIP with a bomb or a name leading out of the archive refuses the upload."""
    documents: list[tuple[str, bytes]] = []
    skipped: list[str] = []
    for name, data in files:
        if PurePath(name).suffix.lower() == ".zip":
            found, passed = _zip_documents(name, data, limit=limit)
            documents += found
            skipped += passed
        else:
            documents.append((PurePath(name).name, data))
    if not documents:
        raise ReadError(
            "В загрузке нет ни одного документа: допустимы " + ", ".join(SUPPORTED) + "."
        )
    if len(documents) > MAX_DOCUMENTS:
        raise ReadError(
            f"За один раз можно загрузить не более {MAX_DOCUMENTS} документов, "
            f"а в загрузке их {len(documents)}."
        )
    return documents, skipped


def _zip_documents(
    name: str, data: bytes, *, limit: int
) -> tuple[list[tuple[str, bytes]], list[str]]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as error:
        raise ReadError(f"Архив {name} повреждён или не является ZIP-архивом.") from error
    with archive:
        entries = archive.infolist()
        check_bomb(name, entries)
        for entry in entries:
            _check_entry_name(name, entry.filename)
        documents, skipped = [], []
        for entry in entries:
            inner = PurePosixPath(entry.filename.replace("\\", "/"))
            if entry.is_dir() or inner.name.startswith(".") or "__MACOSX" in inner.parts:
                continue
            if inner.suffix.lower() not in SUPPORTED:
                skipped.append(inner.as_posix())
            elif entry.file_size > limit:
                raise ReadError(
                    f"Архив {name}: файл {inner.as_posix()} больше {limit // 2**20} МБ."
                )
            elif entry.flag_bits & 0x1:
                raise ReadError(f"Архив {name}: файл {inner.as_posix()} зашифрован паролем.")
            else:
                documents.append((inner.name, archive.read(entry)))
    return documents, skipped


def _check_entry_name(name: str, entry: str) -> None:
    path = PurePosixPath(entry.replace("\\", "/"))
    if path.is_absolute() or ".." in path.parts or ":" in entry:
        raise ReadError(f"Архив {name} отклонён: имя «{entry}» указывает за пределы архива.")


def batch_create(*, organization: Organization, files: list[tuple[str, bytes]], by) -> ImportBatch:
    """Keep every document of the upload and queue it for reading; nothing is kept if the
    upload is refused."""
    from .tasks import read_queued_document

    limit = settings.MUNIPLAN_MAX_UPLOAD_BYTES
    documents, skipped = unpack(files, limit=limit)
    label = files[0][0] if len(files) == 1 else f"{len(files)} файлов"
    with transaction.atomic():
        batch = ImportBatch.objects.create(
            organization=organization,
            uploaded_by=by if getattr(by, "is_authenticated", False) else None,
            name=PurePath(label).name[:255],
            skipped=skipped,
        )
        for name, data in documents:
            document = ImportedDocument(
                organization=organization,
                uploaded_by=batch.uploaded_by,
                batch=batch,
                original_name=name[:255],
                extension=PurePath(name).suffix.lower()[:10],
                size=len(data),
                sha256=hashlib.sha256(data).hexdigest(),
                status=ImportedDocument.Status.QUEUED,
            )
            document.file.save(name, ContentFile(data), save=False)
            document.save()
        audit_record(
            action="transfer.batch.created",
            obj=batch,
            by=by,
            organization=organization,
            summary=f"{batch.name}: {len(documents)} док.",
        )
        # queued in the same transaction: a worker sees the tasks only with their documents
        for pk in batch.documents.values_list("pk", flat=True):
            read_queued_document.enqueue(pk)
    return batch


def document_read_queued(*, document: ImportedDocument) -> ImportedDocument:
    """Read a queued document as an upload is read; a refusal is kept as its message."""
    with document.file.open("rb") as stored:
        data = stored.read()
    try:
        draft = read_document(
            document.original_name, data, limit=settings.MUNIPLAN_MAX_UPLOAD_BYTES
        )
    except HeaderError as error:
        document.status, document.kind, document.draft = (
            ImportedDocument.Status.MAPPING,
            "plan",
            {"error": str(error)},
        )
    except ReadError as error:
        document.status, document.draft = ImportedDocument.Status.FAILED, {"error": str(error)}
    else:
        document.status, document.kind, document.draft = (
            ImportedDocument.Status.PREVIEW,
            draft.kind,
            draft.to_json(),
        )
    document.save(update_fields=["status", "kind", "draft"])
    return document


def document_drop(*, document: ImportedDocument, by) -> None:
    """Leave an unconfirmed document of a batch out: it and its stored original are deleted."""
    if document.status == ImportedDocument.Status.CONFIRMED:
        raise ReadError(f"Документ {document.original_name} уже загружен в план.")
    with transaction.atomic():
        audit_record(
            action="transfer.document.dropped",
            obj=document,
            by=by,
            organization=document.organization,
            summary=document.original_name,
        )
        storage, path = document.file.storage, document.file.name
        document.delete()
        transaction.on_commit(lambda: storage.delete(path))


@dataclass
class BatchRow:
    document: ImportedDocument
    organization: str
    year: int | None
    sections: int
    activities: int
    warnings: list[str]
    error: str


def batch_rows(batch: ImportBatch) -> list[BatchRow]:
    rows = []
    for document in batch.documents.order_by("original_name", "pk"):
        draft = document.draft or {}
        sections = draft.get("sections") or []
        rows.append(
            BatchRow(
                document=document,
                organization=draft.get("organization") or "",
                year=draft.get("year"),
                sections=sum(1 for s in sections if s.get("title")),
                activities=sum(_count(s.get("activities", [])) for s in sections),
                warnings=list(draft.get("warnings") or []),
                error=draft.get("error", ""),
            )
        )
    return rows


def _count(activities: list[dict]) -> int:
    return sum(1 + _count(a.get("children", [])) for a in activities)


def batch_progress(batch: ImportBatch) -> tuple[int, int]:
    """(documents read, documents in the batch)."""
    total = batch.documents.count()
    waiting = batch.documents.filter(status=ImportedDocument.Status.QUEUED).count()
    return total - waiting, total
