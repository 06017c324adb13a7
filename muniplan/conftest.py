"""Named personas shared by every app's tests: who they are decides what they may see and change."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from muniplan.accounts.models import Membership, Organization, Unit

PASSWORD = "Muniplan-test-2026"


def _user(username: str, first_name: str = "") -> User:
    return User.objects.create_user(username=username, password=PASSWORD, first_name=first_name)


@pytest.fixture
def tyumen(db) -> Organization:
    return Organization.objects.create(name="Совет муниципальных образований Тюменской области",
                                       kind=Organization.Kind.COUNCIL, region="Тюменская область")


@pytest.fixture
def apparatus(tyumen) -> Unit:
    return Unit.objects.create(organization=tyumen, name="Аппарат Совета")


@pytest.fixture
def analytics(tyumen) -> Unit:
    return Unit.objects.create(organization=tyumen, name="Информационно-аналитический отдел")


@pytest.fixture
def tula(db) -> Organization:
    return Organization.objects.create(name="Ассоциация «Совет муниципальных образований Тульской области»",
                                       kind=Organization.Kind.COUNCIL, region="Тульская область")


@pytest.fixture
def admin_user(tyumen) -> User:
    """The administrator of the Tyumen council."""
    user = _user("admin.tyumen", "Администратор")
    Membership.objects.create(user=user, organization=tyumen, role=Membership.Role.ADMIN)
    return user


@pytest.fixture
def editor_user(tyumen, analytics) -> User:
    """An editor of the Tyumen analytical department: changes only that unit's activities."""
    user = _user("editor.tyumen", "Редактор")
    membership = Membership.objects.create(user=user, organization=tyumen, role=Membership.Role.EDITOR)
    membership.units.add(analytics)
    return user


@pytest.fixture
def viewer_user(tyumen) -> User:
    """A member of the Tyumen presidium: reads only."""
    user = _user("viewer.tyumen", "Член Президиума")
    Membership.objects.create(user=user, organization=tyumen, role=Membership.Role.VIEWER)
    return user


@pytest.fixture
def stranger(tula) -> User:
    """The administrator of another council, who must see nothing of Tyumen's."""
    user = _user("admin.tula", "Чужой администратор")
    Membership.objects.create(user=user, organization=tula, role=Membership.Role.ADMIN)
    return user


@pytest.fixture
def federal_admin(db) -> User:
    varmsu = Organization.objects.create(name="Всероссийская ассоциация развития местного самоуправления",
                                         short_name="ВАРМСУ", kind=Organization.Kind.FEDERAL)
    user = _user("admin.varmsu", "Федеральный администратор")
    Membership.objects.create(user=user, organization=varmsu, role=Membership.Role.ADMIN)
    return user


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # The real hasher costs ~0.3 s per user; the personas are made for every test.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
