"""The only administrator of an organization cannot give up the role or leave: someone must manage it.
Other members are removed by an administrator, on record."""

from __future__ import annotations

import pytest
from django.urls import reverse

from muniplan.accounts.models import Membership
from muniplan.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def _change_role(client, user, membership, role: str):
    client.force_login(user)
    return client.post(reverse("accounts-membership-edit", args=[membership.pk]), {"role": role})


def test_the_last_administrator_cannot_demote_themselves(client, admin_user):
    membership = admin_user.memberships.get()
    response = _change_role(client, admin_user, membership, "viewer")
    assert response.status_code == 200
    assert "единственный администратор организации" in " ".join(
        response.context["form"].errors["role"]
    )
    membership.refresh_from_db()
    assert membership.role == "admin"
    assert not AuditEntry.objects.filter(action="accounts.membership.updated").exists()


def test_with_a_second_administrator_one_may_step_down(client, admin_user, viewer_user):
    Membership.objects.filter(user=viewer_user).update(role="admin")
    membership = admin_user.memberships.get()
    assert _change_role(client, admin_user, membership, "viewer").status_code == 302
    membership.refresh_from_db()
    assert membership.role == "viewer"


def test_a_federal_administrator_may_demote_an_organizations_only_administrator(
    client, admin_user, federal_admin
):
    membership = admin_user.memberships.get()
    assert _change_role(client, federal_admin, membership, "viewer").status_code == 302
    membership.refresh_from_db()
    assert membership.role == "viewer"


def test_the_last_administrator_cannot_remove_themselves(client, admin_user):
    membership = admin_user.memberships.get()
    client.force_login(admin_user)
    response = client.post(
        reverse("accounts-membership-remove", args=[membership.pk]), {"confirm": "1"}, follow=True
    )
    assert "единственный администратор организации" in response.content.decode()
    assert Membership.objects.filter(pk=membership.pk, role="admin").exists()
    assert not AuditEntry.objects.filter(action="accounts.membership.removed").exists()


def test_an_administrator_removes_a_member_on_record(client, admin_user, viewer_user):
    membership = viewer_user.memberships.get()
    client.force_login(admin_user)
    url = reverse("accounts-membership-remove", args=[membership.pk])
    unconfirmed = client.post(url, follow=True).content.decode()
    assert "Отметьте «Да, исключить»" in unconfirmed and Membership.objects.filter(pk=membership.pk)
    response = client.post(url, {"confirm": "1"}, follow=True)
    assert "Исключён из организации:" in response.content.decode()
    assert not Membership.objects.filter(pk=membership.pk).exists()
    entry = AuditEntry.objects.get(action="accounts.membership.removed")
    assert (entry.actor, entry.summary, entry.changes) == (
        admin_user,
        "viewer.tyumen",
        {"role": ["Наблюдатель", None]},
    )


def test_only_an_administrator_removes_members(client, viewer_user, editor_user, stranger):
    url = reverse("accounts-membership-remove", args=[editor_user.memberships.get().pk])
    client.force_login(viewer_user)
    assert client.post(url).status_code == 403
    client.force_login(stranger)
    assert client.post(url).status_code == 404
    assert Membership.objects.filter(user=editor_user).exists()
