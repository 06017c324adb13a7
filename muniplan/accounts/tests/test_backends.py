"""The signed-in user is read with their profile: the header names them without a query of its own."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from muniplan.accounts.models import Profile
from muniplan.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def _sign_in(client, user) -> None:
    """Through the login page, as a person signs in (the session keeps the backend that let them in)."""
    response = client.post(
        reverse("accounts-login"),
        {"username": user.username, "password": PASSWORD},
        REMOTE_ADDR="10.0.0.1",
    )
    assert response.status_code == 302


def _page(client) -> tuple[str, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        html = client.get(reverse("plans-list")).content.decode()
    return html, [q["sql"] for q in queries]


def test_the_header_names_the_user_by_the_profile_without_a_query_of_its_own(client, viewer_user):
    Profile.objects.create(user=viewer_user, full_name="Петрова Анна Сергеевна")
    _sign_in(client, viewer_user)
    html, queries = _page(client)
    # the header is short of room: surname and initials, the whole name in the link's title
    assert 'title="Мой профиль: Петрова Анна Сергеевна">Петрова А. С.</a>' in html
    assert not [sql for sql in queries if sql.startswith('SELECT "accounts_profile"')]


def test_a_login_without_a_profile_is_named_by_its_django_name(client, viewer_user):
    _sign_in(client, viewer_user)
    html, _ = _page(client)
    assert 'title="Мой профиль: Член Президиума">Член Президиума</a>' in html


def test_a_deactivated_user_is_signed_out_at_the_next_request(client, viewer_user):
    _sign_in(client, viewer_user)
    viewer_user.is_active = False
    viewer_user.save()
    response = client.get(reverse("plans-list"))
    assert response.status_code == 302 and reverse("accounts-login") in response["Location"]
