"""A signed-in person changes their own password with Django's form, in Russian, and stays signed in."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from muniplan.accounts.models import Profile
from muniplan.audit.models import AuditEntry
from muniplan.conftest import PASSWORD

pytestmark = pytest.mark.django_db

CHANGE = reverse("accounts-password-change")
NEW = "Ab7-kvartal-2026"


def _change(client, old: str = PASSWORD, new: str = NEW, again: str | None = None):
    return client.post(
        CHANGE, {"old_password": old, "new_password1": new, "new_password2": again or new}
    )


def test_the_page_speaks_russian(client, viewer_user):
    client.force_login(viewer_user)
    html = client.get(CHANGE).content.decode()
    assert "Смена пароля" in html and "Старый пароль" in html and "Новый пароль" in html
    assert "минимум 8 символов" in html


def test_a_wrong_old_password_is_refused(client, viewer_user):
    client.force_login(viewer_user)
    response = _change(client, old="not-my-password")
    assert response.status_code == 200
    assert "старый пароль введен неправильно" in " ".join(
        response.context["form"].errors["old_password"]
    )
    viewer_user.refresh_from_db()
    assert viewer_user.check_password(PASSWORD) and not AuditEntry.objects.exists()


@pytest.mark.parametrize(
    ("new", "again", "reason"),
    [
        ("Ab7", None, "как минимум 8 символов"),
        ("20262026202", None, "состоит только из цифр"),
        ("password123", None, "слишком широко распространён"),
        ("viewer.tyumen1", None, "похож на логин"),
        ("Иванова2026!", None, "слишком похож на"),  # the name in the person's profile
        (NEW, "Ab7-kvartal-2027", "не совпадают"),
    ],
)
def test_the_new_password_is_validated(client, viewer_user, new, again, reason):
    Profile.objects.create(user=viewer_user, full_name="Иванова Мария Петровна")
    client.force_login(viewer_user)
    response = _change(client, new=new, again=again)
    assert response.status_code == 200
    assert reason in " ".join(response.context["form"].errors["new_password2"])
    viewer_user.refresh_from_db()
    assert viewer_user.check_password(PASSWORD)


def test_after_the_change_the_person_stays_signed_in_and_only_the_new_password_works(
    client, viewer_user
):
    elsewhere = Client()
    elsewhere.force_login(viewer_user)
    client.force_login(viewer_user)
    response = _change(client)
    assert response.status_code == 302 and response["Location"] == reverse("accounts-profile")
    page = client.get(reverse("accounts-profile"))
    assert page.status_code == 200 and "Пароль изменён." in page.content.decode()
    # the other session of the login ended with the old password
    assert elsewhere.get(reverse("accounts-profile")).status_code == 302
    assert not Client().login(username="viewer.tyumen", password=PASSWORD)
    assert Client().login(username="viewer.tyumen", password=NEW)
    entry = AuditEntry.objects.get(action="accounts.password.changed")
    assert entry.actor == viewer_user and NEW not in str(entry.changes) + entry.summary
