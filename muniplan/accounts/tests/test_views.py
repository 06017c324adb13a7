"""An organization's administrator manages its units and people; nobody else can."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from muniplan.accounts.models import Membership
from muniplan.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_members_see_their_organization_and_strangers_get_404(
    client, viewer_user, stranger, tyumen, apparatus
):
    client.force_login(viewer_user)
    html = client.get(reverse("accounts-organization", args=[tyumen.pk])).content.decode()
    assert "Аппарат Совета" in html and "viewer.tyumen" in html
    assert "Добавить пользователя" not in html
    client.force_login(stranger)
    assert client.get(reverse("accounts-organization", args=[tyumen.pk])).status_code == 404
    assert tyumen.name not in client.get(reverse("accounts-organizations")).content.decode()


def test_an_administrator_adds_a_unit(client, admin_user, tyumen):
    client.force_login(admin_user)
    client.post(
        reverse("accounts-unit-create", args=[tyumen.pk]), {"name": "Президиум", "kind": "body"}
    )
    assert tyumen.units.get(name="Президиум").kind == "body"
    response = client.post(
        reverse("accounts-unit-create", args=[tyumen.pk]), {"name": " Президиум ", "kind": "body"}
    )
    assert "уже есть" in response.content.decode()
    response = client.post(
        reverse("accounts-unit-create", args=[tyumen.pk]), {"name": "президиум", "kind": "body"}
    )
    assert "Подразделение «Президиум» уже есть." in response.content.decode()  # case aside
    assert tyumen.units.count() == 1


def test_an_administrator_adds_an_editor_who_can_then_sign_in(
    client, admin_user, tyumen, analytics
):
    client.force_login(admin_user)
    client.post(
        reverse("accounts-member-create", args=[tyumen.pk]),
        {
            "username": "ivanova",
            "full_name": "Иванова  Мария Петровна",
            "password": "Ab7-kvartal-2026",
            "position": "ведущий специалист",
            "role": "editor",
            "units": [analytics.pk],
        },
    )
    membership = Membership.objects.get(user__username="ivanova")
    assert (membership.role, list(membership.units.all())) == ("editor", [analytics])
    assert (membership.user.profile.full_name, membership.user.profile.position) == (
        "Иванова Мария Петровна",
        "ведущий специалист",
    )
    page = client.get(reverse("accounts-organization", args=[tyumen.pk])).content.decode()
    assert "Иванова Мария Петровна" in page and "ведущий специалист" in page
    assert AuditEntry.objects.filter(
        action="accounts.membership.created", actor=admin_user
    ).exists()
    client.logout()
    assert client.login(username="ivanova", password="Ab7-kvartal-2026")


def test_an_administrator_gives_a_new_person_an_email_address_for_reminders(
    client, admin_user, tyumen
):
    client.force_login(admin_user)
    data = {
        "username": "ivanova",
        "full_name": "Иванова Мария Петровна",
        "password": "Ab7-kvartal-2026",
        "role": "viewer",
    }
    url = reverse("accounts-member-create", args=[tyumen.pk])
    response = client.post(url, {**data, "email": "ivanova@"})
    assert response.context["form"].errors["email"][0].startswith("Электронная почта:")
    assert not User.objects.filter(username="ivanova").exists()
    client.post(url, {**data, "email": " ivanova@SMO72.ru "})
    assert User.objects.get(username="ivanova").email == "ivanova@smo72.ru"
    client.post(url, {**data, "username": "petrov", "full_name": "Петров Пётр"})
    assert User.objects.get(username="petrov").email == ""  # the address is optional


def test_an_editor_needs_units_and_a_weak_password_is_refused(client, admin_user, tyumen):
    client.force_login(admin_user)
    response = client.post(
        reverse("accounts-member-create", args=[tyumen.pk]),
        {"username": "petrov", "full_name": "Пётр Петров", "password": "123", "role": "editor"},
    )
    errors = response.context["form"].errors
    assert "units" in errors and "password" in errors
    assert not User.objects.filter(username="petrov").exists()


def test_an_administrator_changes_a_role_and_it_is_recorded(
    client, admin_user, viewer_user, tyumen, apparatus
):
    client.force_login(admin_user)
    membership = viewer_user.memberships.get()
    client.post(
        reverse("accounts-membership-edit", args=[membership.pk]),
        {"role": "editor", "units": [apparatus.pk]},
    )
    membership.refresh_from_db()
    assert membership.role == "editor"
    entry = AuditEntry.objects.get(action="accounts.membership.updated")
    assert entry.changes["role"] == ["Наблюдатель", "Редактор"]


def test_only_administrators_manage_people(client, editor_user, stranger, viewer_user, tyumen):
    membership = viewer_user.memberships.get()
    client.force_login(editor_user)
    assert (
        client.post(
            reverse("accounts-member-create", args=[tyumen.pk]), {"username": "x"}
        ).status_code
        == 403
    )
    assert (
        client.post(
            reverse("accounts-membership-edit", args=[membership.pk]), {"role": "admin"}
        ).status_code
        == 403
    )
    client.force_login(stranger)
    assert (
        client.post(
            reverse("accounts-membership-edit", args=[membership.pk]), {"role": "admin"}
        ).status_code
        == 404
    )
    membership.refresh_from_db()
    assert membership.role == "viewer"


def test_the_upload_link_is_offered_to_administrators_only(client, admin_user, viewer_user):
    client.force_login(viewer_user)
    assert "Загрузить документ" not in client.get(reverse("plans-list")).content.decode()
    client.force_login(admin_user)
    assert "Загрузить документ" in client.get(reverse("plans-list")).content.decode()


def test_a_new_persons_role_starts_at_the_least_rights(client, admin_user, tyumen):
    client.force_login(admin_user)
    html = client.get(reverse("accounts-member-create", args=[tyumen.pk])).content.decode()
    assert '<option value="viewer" selected>Наблюдатель</option>' in html
