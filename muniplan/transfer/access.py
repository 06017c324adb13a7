"""Who may see an upload: its preview and, until it is confirmed, its original are the administrators'."""

from __future__ import annotations

from muniplan.accounts.access import get_member_object, require_admin

from .models import ImportedDocument


def get_document_for_user(user, pk: int) -> ImportedDocument:
    return get_member_object(ImportedDocument.objects.all(), user, pk)


def get_original_for_user(user, pk: int) -> ImportedDocument:
    """A confirmed document's original is the source of a plan every member reads; before that it is
    an unchecked file that only the administrators who may preview it open."""
    document = get_document_for_user(user, pk)
    if document.status != ImportedDocument.Status.CONFIRMED:
        require_admin(user, document.organization)
    return document
