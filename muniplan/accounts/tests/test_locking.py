"""Two administrators change one unit or one person's rights at once: the later stale save is refused."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from muniplan.accounts import services
from muniplan.accounts.models import Membership
from muniplan.lib.locking import StaleVersion
from muniplan.lib.tests.forms import form_data

pytestmark = pytest.mark.django_db


def _two_admins(admin_user, federal_admin) -> tuple[Client, Client]:
    first, second = Client(), Client()
    first.force_login(admin_user)
    second.force_login(federal_admin)
    return first, second


def test_a_second_unit_rename_from_the_same_version_is_refused(admin_user, analytics):
    opened_at = analytics.version
    services.unit_update(
        unit=analytics,
        name="Аналитический отдел",
        kind="staff",
        by=admin_user,
        expected_version=opened_at,
    )
    with pytest.raises(StaleVersion):
        services.unit_update(
            unit=analytics,
            name="Отдел аналитики",
            kind="body",
            by=admin_user,
            expected_version=opened_at,
        )
    analytics.refresh_from_db()
    assert (analytics.name, analytics.kind) == ("Аналитический отдел", "staff")


def test_a_second_rights_change_from_the_same_version_is_refused(
    admin_user, editor_user, apparatus, analytics
):
    membership = Membership.objects.get(user=editor_user)
    opened_at = membership.version
    services.membership_update(
        membership=membership,
        role="editor",
        units=[apparatus, analytics],
        by=admin_user,
        expected_version=opened_at,
    )
    with pytest.raises(StaleVersion):
        services.membership_update(
            membership=Membership.objects.get(pk=membership.pk),
            role="viewer",
            units=[],
            by=admin_user,
            expected_version=opened_at,
        )
    membership.refresh_from_db()
    assert membership.role == "editor"
    assert set(membership.units.all()) == {apparatus, analytics}


def test_two_administrators_rename_one_unit_and_the_second_sees_both_names(
    admin_user, federal_admin, analytics
):
    first, second = _two_admins(admin_user, federal_admin)
    url = reverse("accounts-unit-edit", args=[analytics.pk])
    page_one, page_two = first.get(url), second.get(url)
    assert first.post(url, form_data(page_one, name="Аналитический отдел")).status_code == 302
    refused = second.post(url, form_data(page_two, name="Отдел мониторинга"))
    assert refused.status_code == 200
    assert [(r.label, r.theirs, r.mine) for r in refused.context["conflict"]] == [
        ("Название", "Аналитический отдел", "Отдел мониторинга")
    ]
    assert 'value="Отдел мониторинга"' in refused.content.decode()
    analytics.refresh_from_db()
    assert analytics.name == "Аналитический отдел"
    assert (
        second.post(url, form_data(refused)).status_code == 302
    )  # saved on purpose after seeing both
    analytics.refresh_from_db()
    assert analytics.name == "Отдел мониторинга"


def test_two_administrators_change_one_persons_rights_and_the_second_is_shown_the_first(
    admin_user, federal_admin, editor_user, apparatus, analytics
):
    membership = Membership.objects.get(user=editor_user)
    first, second = _two_admins(admin_user, federal_admin)
    url = reverse("accounts-membership-edit", args=[membership.pk])
    page_one, page_two = first.get(url), second.get(url)
    assert first.post(url, form_data(page_one, role="viewer", units=[])).status_code == 302
    refused = second.post(url, form_data(page_two, units=[str(apparatus.pk), str(analytics.pk)]))
    assert refused.status_code == 200
    rows = {r.label: (r.theirs, r.mine) for r in refused.context["conflict"]}
    assert rows["Роль"] == ("Наблюдатель", "Редактор")
    assert rows["Подразделения редактора"] == (
        "",
        "Аппарат Совета; Информационно-аналитический отдел",
    )
    membership.refresh_from_db()
    assert membership.role == "viewer" and not membership.units.exists()


def test_only_an_administrator_of_the_organization_renames_its_units(
    client, editor_user, stranger, analytics
):
    url = reverse("accounts-unit-edit", args=[analytics.pk])
    client.force_login(editor_user)
    assert client.post(url, {"name": "x", "kind": "staff", "version": "1"}).status_code == 403
    client.force_login(stranger)
    assert client.get(url).status_code == 404
    analytics.refresh_from_db()
    assert analytics.name == "Информационно-аналитический отдел"
