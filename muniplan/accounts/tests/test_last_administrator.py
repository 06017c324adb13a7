"""The only administrator of an organization cannot give up the role: someone must manage it."""

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
    assert "единственный администратор организации" in " ".join(response.context["form"].errors["role"])
    membership.refresh_from_db()
    assert membership.role == "admin"
    assert not AuditEntry.objects.filter(action="accounts.membership.updated").exists()


def test_with_a_second_administrator_one_may_step_down(client, admin_user, viewer_user):
    Membership.objects.filter(user=viewer_user).update(role="admin")
    membership = admin_user.memberships.get()
    assert _change_role(client, admin_user, membership, "viewer").status_code == 302
    membership.refresh_from_db()
    assert membership.role == "viewer"


def test_a_federal_administrator_may_demote_an_organizations_only_administrator(client, admin_user, federal_admin):
    membership = admin_user.memberships.get()
    assert _change_role(client, federal_admin, membership, "viewer").status_code == 302
    membership.refresh_from_db()
    assert membership.role == "viewer"
