"""Confirming one upload twice, or four times at once, makes one plan; the other clicks land on it."""

from __future__ import annotations

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.urls import reverse

from muniplan.audit.models import AuditEntry
from muniplan.plans.models import Plan
from muniplan.transfer import services
from muniplan.transfer.models import ImportedDocument
from muniplan.transfer.services import document_confirm, document_read


def _document(tyumen, admin_user, tyumen_seed) -> ImportedDocument:
    return document_read(
        organization=tyumen, filename="tyumen.txt", data=tyumen_seed, by=admin_user
    )


@pytest.mark.django_db
def test_a_second_submit_of_the_preview_redirects_to_the_plan_the_first_made(
    client, tyumen, admin_user, tyumen_seed
):
    document = _document(tyumen, admin_user, tyumen_seed)
    client.force_login(admin_user)
    url = reverse("transfer-preview", args=[document.pk])
    first = client.post(url, {"year": 2026})
    plan = Plan.objects.get()
    assert first.status_code == 302 and first["Location"] == plan.get_absolute_url()
    # The second submit comes from the same open page (e.g. a double click), which still offers the form.
    second = client.post(url, {"year": 2026})
    assert second.status_code == 302 and second["Location"] == plan.get_absolute_url()
    assert Plan.objects.count() == 1
    assert AuditEntry.objects.filter(action="transfer.document.confirmed").count() == 1


@pytest.mark.django_db
def test_a_stale_copy_of_the_document_cannot_confirm_it_again(tyumen, admin_user, tyumen_seed):
    document = _document(tyumen, admin_user, tyumen_seed)
    stale = ImportedDocument.objects.get(
        pk=document.pk
    )  # what a second request loaded before the first saved
    plan = document_confirm(document=document, by=admin_user)
    with pytest.raises(ValidationError) as raised:
        document_confirm(document=stale, by=admin_user)
    assert Plan.objects.count() == 1
    assert isinstance(raised.value, services.AlreadyConfirmed) and raised.value.created == plan


@pytest.mark.django_db(transaction=True)
def test_four_simultaneous_confirmations_make_one_plan(tyumen, admin_user, tyumen_seed):
    if connection.vendor != "postgresql":
        pytest.skip(
            "threads writing at once need a server database; SQLite runs the sequential test above"
        )
    document = _document(tyumen, admin_user, tyumen_seed)
    url = reverse("transfer-preview", args=[document.pk])
    start = threading.Barrier(4)
    answers: list = []

    def confirm():
        client = Client()
        client.force_login(admin_user)
        start.wait()
        try:
            answers.append(client.post(url, {"year": 2026}))
        finally:
            connection.close()

    threads = [threading.Thread(target=confirm) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    plan = Plan.objects.get()
    assert [a.status_code for a in answers] == [302] * 4
    assert {a["Location"] for a in answers} == {plan.get_absolute_url()}
    assert AuditEntry.objects.filter(action="transfer.document.confirmed").count() == 1
