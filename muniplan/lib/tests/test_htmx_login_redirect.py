"""A page part HTMX asks for after the session ended sends the whole page to the login form."""

from __future__ import annotations

import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_an_htmx_request_without_a_session_is_told_to_go_to_the_login_page(client):
    path = reverse("plans-list") + "?q=семинары"
    response = client.get(path, HTTP_HX_REQUEST="true")
    assert response.status_code == 204
    assert response["HX-Redirect"].startswith(reverse("accounts-login") + "?next=")


@pytest.mark.django_db
def test_a_plain_request_is_redirected_as_before(client):
    response = client.get(reverse("plans-list"))
    assert response.status_code == 302 and "HX-Redirect" not in response
