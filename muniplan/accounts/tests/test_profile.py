"""«Мой профиль»: a signed-in person corrects their own name, position and e-mail, and nobody else's."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from muniplan.accounts.models import Profile
from muniplan.audit.models import AuditEntry

pytestmark = pytest.mark.django_db

PROFILE = reverse("accounts-profile")


def _save(client, version: int = 1, **values):
    data = {"full_name": "Иванова Мария Петровна", "position": "", "email": "", "version": version}
    return client.post(PROFILE, {**data, **values})


@pytest.mark.parametrize("name", ["accounts-profile", "accounts-password-change"])
def test_an_anonymous_visitor_is_sent_to_the_login_page(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts-login')}?next={reverse(name)}"


def test_a_person_sees_their_login_organizations_and_roles(client, editor_user, tyumen):
    client.force_login(editor_user)
    html = client.get(PROFILE).content.decode()
    assert "editor.tyumen" in html and tyumen.name in html
    assert "Редактор" in html and "Информационно-аналитический отдел" in html
    assert f'href="{PROFILE}"' in html  # the person's name in the header leads here


def test_a_person_changes_their_name_position_and_email(client, viewer_user):
    client.force_login(viewer_user)
    response = _save(
        client,
        position="  член   Президиума ",
        email="Ivanova@SMO72.ru",
        full_name="Иванова  Мария",
    )
    assert response.status_code == 302 and response["Location"] == PROFILE
    viewer_user.refresh_from_db()
    assert (viewer_user.profile.full_name, viewer_user.profile.position) == (
        "Иванова Мария",
        "член Президиума",
    )
    assert viewer_user.email == "Ivanova@smo72.ru"
    page = client.get(PROFILE).content.decode()
    assert "Сведения о вас сохранены." in page and "Иванова Мария" in page
    entry = AuditEntry.objects.get(action="accounts.profile.updated")
    assert entry.actor == viewer_user
    assert entry.changes["email"] == ["", "Ivanova@smo72.ru"]
    assert entry.changes["position"] == ["", "член Президиума"]


def test_a_person_edits_only_themself(client, admin_user, viewer_user):
    client.force_login(admin_user)
    # fields naming another person are not the form's: the page edits the signed-in login only
    response = _save(
        client, email="admin@smo72.ru", user=viewer_user.pk, username=viewer_user.username
    )
    assert response.status_code == 302
    admin_user.refresh_from_db()
    viewer_user.refresh_from_db()
    assert admin_user.email == "admin@smo72.ru"
    assert admin_user.profile.full_name == "Иванова Мария Петровна"
    assert viewer_user.email == "" and not Profile.objects.filter(user=viewer_user).exists()
    assert viewer_user.username == "viewer.tyumen"


def test_a_bad_email_is_refused_with_a_russian_message_naming_the_field(client, viewer_user):
    client.force_login(viewer_user)
    response = _save(client, email="ivanova@")
    assert response.status_code == 200
    [message] = response.context["form"].errors["email"]
    assert message.startswith("Электронная почта:") and "ошибкой" in message
    assert message in response.content.decode()
    viewer_user.refresh_from_db()
    assert viewer_user.email == "" and not AuditEntry.objects.exists()


def test_the_email_may_be_removed(client, viewer_user):
    viewer_user.email = "viewer@smo72.ru"
    viewer_user.save()
    client.force_login(viewer_user)
    assert _save(client, email="").status_code == 302
    viewer_user.refresh_from_db()
    assert viewer_user.email == ""


def test_a_save_from_a_stale_form_shows_both_values_and_keeps_the_saved_one(client, viewer_user):
    client.force_login(viewer_user)
    _save(client, version=1, position="член Президиума")  # another tab
    response = _save(client, version=1, position="секретарь")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Запись изменена другим пользователем" in html
    assert "член Президиума" in html and "секретарь" in html
    viewer_user.profile.refresh_from_db()
    assert viewer_user.profile.position == "член Президиума"
    # the form now carries the current version: a second save overwrites on purpose
    assert (
        _save(client, version=viewer_user.profile.version, position="секретарь").status_code == 302
    )
    viewer_user.profile.refresh_from_db()
    assert viewer_user.profile.position == "секретарь"


def test_a_login_without_a_profile_starts_from_its_django_name(client, admin_user):
    assert not Profile.objects.filter(user=admin_user).exists()
    client.force_login(admin_user)
    form = client.get(PROFILE).context["form"]
    assert (form["full_name"].value(), form["version"].value()) == ("Администратор", 1)


def test_superusers_without_organizations_are_told_so(client, db):
    root = User.objects.create_superuser("root", password="Ab7-kvartal-2026")
    client.force_login(root)
    assert "Вы не состоите ни в одной организации." in client.get(PROFILE).content.decode()
