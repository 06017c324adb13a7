"""Named personas shared by every app's tests: who they are decides what they may see and change."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from muniplan.accounts.models import Membership, Organization, Unit

PASSWORD = "Muniplan-test-2026"


def _member(
    username: str, first_name: str, organization: Organization, role: str, units=()
) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD, first_name=first_name)
    Membership.objects.create(user=user, organization=organization, role=role).units.set(units)
    return user


@pytest.fixture
def tyumen(db) -> Organization:
    return Organization.objects.create(
        name="Совет муниципальных образований Тюменской области",
        kind=Organization.Kind.COUNCIL,
        region="Тюменская область",
    )


@pytest.fixture
def apparatus(tyumen) -> Unit:
    return Unit.objects.create(organization=tyumen, name="Аппарат Совета")


@pytest.fixture
def analytics(tyumen) -> Unit:
    return Unit.objects.create(organization=tyumen, name="Информационно-аналитический отдел")


@pytest.fixture
def tula(db) -> Organization:
    return Organization.objects.create(
        name="Ассоциация «Совет муниципальных образований Тульской области»",
        kind=Organization.Kind.COUNCIL,
        region="Тульская область",
    )


@pytest.fixture
def admin_user(tyumen) -> User:
    """The administrator of the Tyumen council."""
    return _member("admin.tyumen", "Администратор", tyumen, Membership.Role.ADMIN)


@pytest.fixture
def editor_user(tyumen, analytics) -> User:
    """An editor of the Tyumen analytical department: changes only that unit's activities."""
    return _member("editor.tyumen", "Редактор", tyumen, Membership.Role.EDITOR, units=[analytics])


@pytest.fixture
def viewer_user(tyumen) -> User:
    """A member of the Tyumen presidium: reads only."""
    return _member("viewer.tyumen", "Член Президиума", tyumen, Membership.Role.VIEWER)


@pytest.fixture
def stranger(tula) -> User:
    """The administrator of another council, who must see nothing of Tyumen's."""
    return _member("admin.tula", "Чужой администратор", tula, Membership.Role.ADMIN)


@pytest.fixture
def federal_admin(db) -> User:
    varmsu = Organization.objects.create(
        name="Всероссийская ассоциация развития местного самоуправления",
        short_name="ВАРМСУ",
        kind=Organization.Kind.FEDERAL,
    )
    return _member("admin.varmsu", "Федеральный администратор", varmsu, Membership.Role.ADMIN)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # The real hasher costs ~0.3 s per user; the personas are made for every test.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings):
    # A test sees the outcome of the work it enqueues; the database queue has its own tests.
    settings.TASKS = {"default": {"BACKEND": settings.TASK_BACKENDS["immediate"]}}
