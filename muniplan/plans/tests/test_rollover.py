"""Copying a plan to the next year moves the years on and keeps the links to the source."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from muniplan.lib.years import shift_years
from muniplan.plans.rollover import plan_rollover, rollover_changes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("МОЙ ВЫБОР 2021", "МОЙ ВЫБОР 2022"),
        (
            "в 2020 году и основных направлений деятельности организации на 2021 год",
            "в 2021 году и основных направлений деятельности организации на 2022 год",
        ),
        ("в первом квартале 2021 года", "в первом квартале 2022 года"),
        (
            "постановлением Администрации города Смоленска от 27.09.2017 № 2589-адм",
            "постановлением Администрации города Смоленска от 27.09.2017 № 2589-адм",
        ),
        (
            "Федеральный закон от 6 октября 2003 года № 131-ФЗ",
            "Федеральный закон от 6 октября 2003 года № 131-ФЗ",
        ),
        ("учащиеся 10-11-х классов", "учащиеся 10-11-х классов"),
        ("", ""),
    ],
)
def test_it_moves_the_years_around_the_plan_year_only(text, expected):
    assert shift_years(text, 2021) == expected


@pytest.mark.django_db
def test_the_copy_is_a_draft_for_the_next_year_linked_to_its_source(plan, admin_user):
    new_plan = plan_rollover(plan=plan, by=admin_user)
    assert (new_plan.year, new_plan.status, new_plan.source_plan) == (2027, "draft", plan)
    assert new_plan.title.endswith("на 2027 год")
    assert [s.title for s in new_plan.sections.all()] == [s.title for s in plan.sections.all()]
    assert new_plan.activities.count() == plan.activities.count() == 3
    for copy in new_plan.activities.all():
        assert copy.source_activity.plan == plan
        assert copy.number == copy.source_activity.number
        assert copy.months == copy.source_activity.months
    child = new_plan.activities.get(number="11.1")
    assert child.parent.number == "11" and child.parent.plan == new_plan
    first = new_plan.activities.get(number="1")
    assert first.funding_text == "п.п. ___ Сметы на 2027 год"
    assert [u.name for u in first.responsible_units.all()] == ["Аппарат Совета"]
    assert [(p.count, p.category) for p in first.participations.all()] == [(62, "члены РО ВСМС")]


@pytest.mark.django_db
def test_the_review_lists_what_the_rollover_changed(plan, admin_user):
    new_plan = plan_rollover(plan=plan, by=admin_user)
    changes = {c.activity.number: c.fields for c in rollover_changes(new_plan)}
    assert (
        "Финансовое обеспечение",
        "п.п. ___ Сметы на 2026 год",
        "п.п. ___ Сметы на 2027 год",
    ) in changes["1"]
    assert (
        "Характеристика",
        "Сбор и обобщение информации о деятельности Совета в 2026 году.",
        "Сбор и обобщение информации о деятельности Совета в 2027 году.",
    ) in changes["11"]
    assert "11.1" not in changes


@pytest.mark.django_db
def test_a_plan_is_rolled_over_only_once(plan, admin_user):
    plan_rollover(plan=plan, by=admin_user)
    with pytest.raises(ValidationError):
        plan_rollover(plan=plan, by=admin_user)
