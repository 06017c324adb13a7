"""A number too large for any id, in an address or a query parameter, is «not found» (404), never a 500."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"

PK_PAGES = ["plans-detail", "plans-grid", "plans-timeline", "plans-edit", "plans-history", "plans-activity-create",
            "plans-rollover-review", "plans-activity-detail", "plans-activity-edit", "plans-activity-delete",
            "plans-section-edit", "accounts-organization", "accounts-membership-edit", "transfer-preview",
            "transfer-download", "transfer-columns", "resolutions-detail"]


@pytest.mark.parametrize("name", PK_PAGES)
def test_a_huge_id_in_the_address_is_not_found(client, admin_user, name):
    client.force_login(admin_user)
    assert client.get(reverse(name, args=[1]).replace("/1/", f"/{HUGE}/")).status_code == 404


# The parameters each page reads; the others it ignores, whatever their value.
READS = {"plans-list": {"org", "year"}, "plans-detail": {"section", "unit", "month"},
         "plans-grid": {"section", "unit", "month"}, "plans-timeline": {"section", "unit", "month"},
         "plans-activity-create": {"section", "parent"}}


@pytest.mark.parametrize("view", READS)
def test_a_huge_number_in_a_query_parameter_is_not_found(client, admin_user, plan, view):
    client.force_login(admin_user)
    client.raise_request_exception = False
    address = reverse(view) if view == "plans-list" else reverse(view, args=[plan.pk])
    statuses = {(parameter, number): client.get(f"{address}?{parameter}={number}").status_code
                for parameter in ("org", "year", "section", "unit", "month", "parent") for number in (HUGE, f"-{HUGE}")}
    assert statuses == {(parameter, number): 404 if parameter in READS[view] else 200
                        for parameter, number in statuses}
