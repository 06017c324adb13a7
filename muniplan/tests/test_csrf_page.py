"""A form sent with a stale or forged CSRF token gets the product's Russian page, not Django's."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse


@pytest.mark.django_db
def test_a_stale_form_is_refused_with_a_russian_page_in_the_products_layout(admin_user, tyumen):
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin_user)
    response = client.post(reverse("plans-create"), {"csrfmiddlewaretoken": "forged"})
    html = response.content.decode()
    assert response.status_code == 403
    assert "<h1>Страница устарела</h1>" in html and 'lang="ru"' in html
    assert 'class="top"' in html and "DEBUG" not in html
