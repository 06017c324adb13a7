"""The seed 004 resolution (III TOS congress of Smolensk region) loaded through the importer, as the
demo loads it, into the Smolensk council it names, with that council's people."""

from __future__ import annotations

import datetime as dt

import pytest

from muniplan.accounts.models import Membership, Organization, Unit
from muniplan.conftest import _member
from muniplan.control.services import resolution_control
from muniplan.transfer.demo import SEEDS, SMOLENSK_SMO
from muniplan.transfer.services import document_confirm, document_read

SEED_004 = "smolensk_tos_congress_2020__resolution.txt"


@pytest.fixture
def smolensk(db) -> Organization:
    return Organization.objects.create(
        name=SMOLENSK_SMO, short_name="СМО Смоленской области", region="Смоленская область"
    )


@pytest.fixture
def directorate(smolensk) -> Unit:
    return Unit.objects.create(organization=smolensk, name="Исполнительная дирекция")


@pytest.fixture
def smolensk_admin(smolensk):
    return _member("admin.smolensk", "Администратор Смоленск", smolensk, Membership.Role.ADMIN)


@pytest.fixture
def controller(smolensk):
    """The executive director, who controls the congress's recommendations."""
    return _member("controller.smolensk", "Контролёр", smolensk, Membership.Role.EDITOR)


@pytest.fixture
def directorate_editor(smolensk, directorate):
    return _member(
        "editor.smolensk",
        "Редактор дирекции",
        smolensk,
        Membership.Role.EDITOR,
        units=[directorate],
    )


@pytest.fixture
def smolensk_viewer(smolensk):
    return _member("viewer.smolensk", "Член Правления", smolensk, Membership.Role.VIEWER)


@pytest.fixture
def resolution(smolensk, smolensk_admin):
    document = document_read(
        organization=smolensk,
        filename=SEED_004,
        data=(SEEDS / SEED_004).read_bytes(),
        by=smolensk_admin,
    )
    return document_confirm(document=document, by=smolensk_admin)


@pytest.fixture
def items(resolution, smolensk_admin, controller):
    return resolution_control(
        resolution=resolution,
        controller=controller,
        deadline=dt.date(2021, 9, 1),
        by=smolensk_admin,
    )
