"""A POST-only address opened by a link answers 405 with the product's Russian page."""

from __future__ import annotations

import pytest
from django.urls import reverse


@pytest.mark.parametrize(
    ("name", "parent"),
    [
        ("plans-approve", "/plans/1/"),
        ("control-item-close", "/control/items/1/"),
        ("execution-status-override", None),
    ],
)
def test_a_post_only_address_opened_with_get_answers_the_russian_405_page(
    client, admin_user, name, parent
):
    client.force_login(admin_user)
    response = client.get(reverse(name, args=[1]))
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    html = response.content.decode()
    assert "Это действие выполняется кнопкой на странице" in html
    assert 'class="top"' in html  # the product's layout, with its menu
    assert f'href="{reverse("plans-list")}"' in html
    if parent:
        assert f'href="{parent}"' in html


def test_the_405_page_links_back_to_the_page_that_led_there(client, admin_user):
    client.force_login(admin_user)
    response = client.get(
        reverse("plans-approve", args=[1]), HTTP_REFERER="http://testserver/plans/1/grid/"
    )
    assert response.status_code == 405 and 'href="/plans/1/grid/"' in response.content.decode()


@pytest.mark.parametrize("referer", ["https://evil.example/x", "http://testserver//evil.example/x"])
def test_a_referer_of_another_site_is_not_offered(client, admin_user, referer):
    client.force_login(admin_user)
    response = client.get(reverse("plans-approve", args=[1]), HTTP_REFERER=referer)
    html = response.content.decode()
    assert "evil.example" not in html and 'href="/plans/1/"' in html


def test_a_class_based_post_only_view_answers_the_same_page(client, admin_user):
    client.force_login(admin_user)
    response = client.get(reverse("accounts-logout"))
    assert response.status_code == 405
    assert "Это действие выполняется кнопкой на странице" in response.content.decode()


def test_a_post_still_reaches_the_view(client, admin_user):
    client.force_login(admin_user)
    assert client.post(reverse("accounts-logout")).status_code == 302
