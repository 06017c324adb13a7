"""A new person's password: digits only, or close to their login or name, is refused with a Russian reason."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _add(client, tyumen, password: str, username: str = "ivanova.maria"):
    return client.post(
        reverse("accounts-member-create", args=[tyumen.pk]),
        {
            "username": username,
            "full_name": "Мария Иванова",
            "password": password,
            "role": "viewer",
        },
    )


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("20262026202", "состоит только из цифр"),
        ("ivanova.maria1", "похож на логин"),
        ("Иванова2026!", "похож на фамилию"),
    ],
)
def test_a_weak_password_is_refused_with_the_reason(client, admin_user, tyumen, password, reason):
    client.force_login(admin_user)
    response = _add(client, tyumen, password)
    assert response.status_code == 200
    assert reason in " ".join(response.context["form"].errors["password"])
    assert not User.objects.filter(username="ivanova.maria").exists()


def test_a_strong_password_is_accepted(client, admin_user, tyumen):
    client.force_login(admin_user)
    assert _add(client, tyumen, "Ab7-kvartal-2026").status_code == 302
    assert User.objects.get(username="ivanova.maria").check_password("Ab7-kvartal-2026")
