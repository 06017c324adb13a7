"""The real test of the roll-over: Smolensk 2021 copied to 2022 against the real Smolensk 2022 plan."""

from __future__ import annotations

import pytest

from muniplan.accounts.models import Organization
from muniplan.plans.rollover import plan_rollover
from muniplan.transfer.services import document_confirm, document_read
from muniplan.transfer.tests.conftest import SEEDS

pytestmark = pytest.mark.django_db


def _load(organization, filename):
    document = document_read(
        organization=organization, filename=filename, data=(SEEDS / filename).read_bytes(), by=None
    )
    return document_confirm(document=document, by=None)


@pytest.fixture
def smolensk(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return Organization.objects.create(
        name="Смоленское РО ВСМС", kind=Organization.Kind.VSMS_BRANCH
    )


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def test_the_smolensk_2021_plan_rolled_over_comes_close_to_the_real_2022_plan(smolensk, admin_user):
    rolled = plan_rollover(plan=_load(smolensk, "smolensk_2021__pdf_dump.txt"), by=admin_user)
    real = {
        _fold(a.title) for a in _load(smolensk, "smolensk_2022__tab_html_text.txt").activities.all()
    }
    matched = [a.number for a in rolled.activities.all() if _fold(a.title) in real]
    # Three titles were really rewritten by people in 2022; everything else must match.
    assert len(matched) >= 11, matched
    assert rolled.activities.filter(title__contains="«МОЙ ВЫБОР 2022»").exists()


def test_years_in_descriptions_move_on_but_dates_of_acts_stay(smolensk, admin_user):
    rolled = plan_rollover(plan=_load(smolensk, "smolensk_2021__pdf_dump.txt"), by=admin_user)
    first = rolled.activities.get(number="1")
    assert "в 2021 году и основных направлений деятельности организации на 2022 год" in " ".join(
        first.description.split()
    )
    olympiad = rolled.activities.get(title__startswith="Олимпиада")
    assert "от 27.09.2017 № 2589-адм" in olympiad.description
    assert "в первом квартале 2022 года" in " ".join(olympiad.description.split())
