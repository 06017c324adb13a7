"""A number too large for any id, in an address or a query parameter, is «not found» (404), never a 500."""

from __future__ import annotations

import pytest
from django.db import connection
from django.urls import reverse

from muniplan.readers.plan.cells import parse_participants

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"

PK_PAGES = [
    "plans-detail",
    "plans-grid",
    "plans-timeline",
    "plans-edit",
    "plans-history",
    "plans-activity-create",
    "plans-rollover-review",
    "plans-activity-detail",
    "plans-activity-edit",
    "plans-activity-delete",
    "plans-section-edit",
    "accounts-organization",
    "accounts-membership-edit",
    "transfer-preview",
    "transfer-download",
    "transfer-columns",
    "resolutions-detail",
]


@pytest.mark.parametrize("name", PK_PAGES)
def test_a_huge_id_in_the_address_is_not_found(client, admin_user, name):
    client.force_login(admin_user)
    assert client.get(reverse(name, args=[1]).replace("/1/", f"/{HUGE}/")).status_code == 404


# The parameters each page reads; the others it ignores, whatever their value.
READS = {
    "plans-list": {"org", "year"},
    "plans-detail": {"section", "unit", "month"},
    "plans-grid": {"section", "unit", "month"},
    "plans-timeline": {"section", "unit", "month"},
    "plans-activity-create": {"section", "parent"},
}


@pytest.mark.parametrize("view", READS)
def test_a_huge_number_in_a_query_parameter_is_not_found(client, admin_user, plan, view):
    client.force_login(admin_user)
    client.raise_request_exception = False
    address = reverse(view) if view == "plans-list" else reverse(view, args=[plan.pk])
    statuses = {
        (parameter, number): client.get(f"{address}?{parameter}={number}").status_code
        for parameter in ("org", "year", "section", "unit", "month", "parent")
        for number in (HUGE, f"-{HUGE}")
    }
    assert statuses == {
        (parameter, number): 404 if parameter in READS[view] else 200
        for parameter, number in statuses
    }


def test_a_huge_participant_count_stays_as_typed_instead_of_failing(client, admin_user, plan):
    client.force_login(admin_user)
    section = plan.sections.first()
    response = client.post(
        reverse("plans-activity-create", args=[plan.pk]),
        {
            "section": section.pk,
            "number": "5",
            "title": "Семинар",
            "participants": f"члены РО ВСМС {HUGE} человек",
        },
    )
    assert response.status_code == 302
    participation = plan.activities.get(number="5").participations.get()
    assert (participation.count, participation.category) == (None, f"члены РО ВСМС {HUGE} человек")


def test_a_read_document_keeps_a_huge_count_as_text():
    cell = parse_participants(f"члены РО ВСМС {HUGE} человек")
    assert [(p.count, p.category) for p in cell.participants] == [
        (None, f"члены РО ВСМС {HUGE} человек")
    ]


def test_a_huge_id_in_a_form_choice_is_refused_not_a_server_error(client, admin_user, plan):
    client.force_login(admin_user)
    client.raise_request_exception = False
    response = client.post(
        reverse("plans-activity-create", args=[plan.pk]),
        {
            "section": plan.sections.first().pk,
            "number": "5",
            "title": "Семинар",
            "responsible_units": HUGE,
        },
    )
    # PostgreSQL finds no such unit (the form says so); SQLite cannot bind the number: «not found»
    assert response.status_code == (200 if connection.vendor == "postgresql" else 404)
    assert not plan.activities.filter(number="5").exists()
