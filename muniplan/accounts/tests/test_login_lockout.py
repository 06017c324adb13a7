"""Repeated wrong passwords lock the login and the address; an administrator unlocks, and it is recorded."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.urls import reverse

from muniplan.audit.models import AuditEntry
from muniplan.conftest import PASSWORD

pytestmark = pytest.mark.django_db

LOCKED = "Слишком много неудачных попыток входа"


def _login(client, username: str, password: str, address: str = "10.0.0.1", **headers):
    return client.post(
        reverse("accounts-login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        **headers,
    )


def _fail(client, username: str, times: int = 5, address: str = "10.0.0.1"):
    """Wrong passwords; the fifth already answers with the lockout."""
    return [_login(client, username, "wrong-password", address).status_code for _ in range(times)]


def test_five_wrong_passwords_lock_the_login_even_with_the_right_password(client, editor_user):
    assert _fail(client, "editor.tyumen") == [200, 200, 200, 200, 429]
    response = _login(client, "editor.tyumen", PASSWORD)
    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    assert "_auth_user_id" not in client.session
    # another address does not help: the login itself is locked
    assert _login(client, "editor.tyumen", PASSWORD, address="10.9.9.9").status_code == 429


def test_four_wrong_passwords_still_let_the_person_in(client, editor_user):
    _fail(client, "editor.tyumen", times=4)
    assert _login(client, "editor.tyumen", PASSWORD).status_code == 302
    assert client.session["_auth_user_id"] == str(editor_user.pk)


def test_guessing_many_logins_from_one_address_locks_that_address(client, editor_user, viewer_user):
    for number in range(5):
        _fail(client, f"guess{number}", times=1, address="10.6.6.6")
    assert _login(client, "viewer.tyumen", PASSWORD, address="10.6.6.6").status_code == 429
    assert _login(client, "viewer.tyumen", PASSWORD, address="10.0.0.7").status_code == 302


def test_behind_the_proxy_the_address_is_the_one_the_proxy_appended(client, settings, viewer_user):
    settings.BEHIND_PROXY = True
    for number in range(5):  # the client forges the first entry; nginx appends the real one
        _login(
            client,
            f"guess{number}",
            "x",
            "127.0.0.1",
            HTTP_X_FORWARDED_FOR=f"1.1.1.{number}, 10.6.6.6",
        )
    assert (
        _login(
            client, "viewer.tyumen", PASSWORD, "127.0.0.1", HTTP_X_FORWARDED_FOR="10.6.6.6"
        ).status_code
        == 429
    )
    assert (
        _login(
            client, "viewer.tyumen", PASSWORD, "127.0.0.1", HTTP_X_FORWARDED_FOR="10.0.0.8"
        ).status_code
        == 302
    )


def test_the_organization_administrator_sees_the_lockout_and_unlocks_it_on_record(
    client, admin_user, editor_user
):
    _fail(client, "editor.tyumen")
    membership = editor_user.memberships.get()
    client.force_login(admin_user)
    page = client.get(
        reverse("accounts-organization", args=[membership.organization_id])
    ).content.decode()
    assert "вход заблокирован" in page and "Разблокировать вход" in page
    response = client.post(reverse("accounts-membership-unlock", args=[membership.pk]))
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="accounts.login.unlocked")
    assert (entry.actor, entry.organization_id, entry.summary) == (
        admin_user,
        membership.organization_id,
        "editor.tyumen",
    )
    assert not AccessAttempt.objects.filter(username="editor.tyumen").exists()
    client.logout()
    assert _login(client, "editor.tyumen", PASSWORD).status_code == 302


def test_only_an_administrator_of_that_organization_may_unlock(
    client, editor_user, viewer_user, stranger
):
    _fail(client, "editor.tyumen")
    url = reverse("accounts-membership-unlock", args=[editor_user.memberships.get().pk])
    client.force_login(viewer_user)
    assert client.post(url).status_code == 403
    client.force_login(stranger)
    assert client.post(url).status_code == 404
    assert AccessAttempt.objects.filter(username="editor.tyumen").exists()
    assert not AuditEntry.objects.filter(action="accounts.login.unlocked").exists()


def test_a_superuser_unlocks_in_the_django_admin(client, editor_user):
    _fail(client, "editor.tyumen")
    attempt = AccessAttempt.objects.get(username="editor.tyumen")
    root = User.objects.create_superuser("root", password=PASSWORD)
    client.force_login(root)
    assert (
        "editor.tyumen"
        in client.get(reverse("admin:axes_accessattempt_changelist")).content.decode()
    )
    client.post(reverse("admin:axes_accessattempt_delete", args=[attempt.pk]), {"post": "yes"})
    client.logout()
    assert _login(client, "editor.tyumen", PASSWORD).status_code == 302


def test_a_proxy_on_this_machine_is_trusted_and_a_remote_one_is_not(client, settings, viewer_user):
    settings.BEHIND_PROXY = False
    for number in range(5):  # nginx on loopback in front of the app server
        _login(client, f"guess{number}", "x", "127.0.0.1", HTTP_X_FORWARDED_FOR="10.6.6.6")
    assert (
        _login(
            client, "viewer.tyumen", PASSWORD, "127.0.0.1", HTTP_X_FORWARDED_FOR="10.6.6.6"
        ).status_code
        == 429
    )
    assert (
        _login(
            client, "viewer.tyumen", PASSWORD, "127.0.0.1", HTTP_X_FORWARDED_FOR="10.0.0.8"
        ).status_code
        == 302
    )
    client.logout()
    for number in range(5):  # a client reaching the app directly cannot pick its address
        _login(
            client, f"other{number}", "x", "203.0.113.5", HTTP_X_FORWARDED_FOR=f"10.1.1.{number}"
        )
    assert (
        _login(
            client, "viewer.tyumen", PASSWORD, "203.0.113.5", HTTP_X_FORWARDED_FOR="10.0.0.9"
        ).status_code
        == 429
    )
