"""Who may see an upload: members of its organization (404 for anyone else); changing it is
for the organization's administrators (`require_admin`)."""

from __future__ import annotations

from muniplan.accounts.access import get_member_object

from .models import ImportBatch, ImportedDocument


def get_document_for_user(user, pk: int) -> ImportedDocument:
    return get_member_object(ImportedDocument.objects.all(), user, pk)


def get_batch_for_user(user, pk: int) -> ImportBatch:
    return get_member_object(ImportBatch.objects.all(), user, pk)
