"""The original of an upload not yet confirmed opens only for those who may see its preview."""

from __future__ import annotations

import pytest
from django.urls import reverse

from muniplan.transfer.services import document_confirm, document_read

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(tyumen, admin_user, tyumen_seed):
    return document_read(
        organization=tyumen, filename="tyumen.txt", data=tyumen_seed, by=admin_user
    )


def _download(client, user, document):
    client.force_login(user)
    return client.get(reverse("transfer-download", args=[document.pk]))


def test_before_confirmation_only_administrators_open_the_original(
    client, document, admin_user, editor_user, viewer_user, stranger, tyumen_seed
):
    assert _download(client, editor_user, document).status_code == 403
    assert _download(client, viewer_user, document).status_code == 403
    assert _download(client, stranger, document).status_code == 404
    response = _download(client, admin_user, document)
    assert response.status_code == 200 and b"".join(response.streaming_content) == tyumen_seed


def test_after_confirmation_every_member_opens_the_original_of_the_plan(
    client, document, admin_user, viewer_user, stranger, tyumen_seed
):
    document_confirm(document=document, by=admin_user)
    response = _download(client, viewer_user, document)
    assert response.status_code == 200 and b"".join(response.streaming_content) == tyumen_seed
    assert _download(client, stranger, document).status_code == 404
