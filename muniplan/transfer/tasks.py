"""Background reading of the documents of a batch upload (django-tasks)."""

from __future__ import annotations

from django_tasks import task

from .models import ImportedDocument


@task()
def read_queued_document(document_id: int) -> None:
    from .batches import document_read_queued

    document = ImportedDocument.objects.filter(
        pk=document_id, status=ImportedDocument.Status.QUEUED
    ).first()
    if document is not None:  # dropped, or read already by another worker
        document_read_queued(document=document)
