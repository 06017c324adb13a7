"""Copying a plan into a year that already has one: warn, show it, and let the administrator choose."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from muniplan.plans import services
from muniplan.plans.models import Plan
from muniplan.plans.rollover import plan_rollover, plan_rollover_missing, rollover_missing
from muniplan.plans.services import ActivityInput

pytestmark = pytest.mark.django_db


@pytest.fixture
def next_year(plan, admin_user, apparatus):
    """The real 2027 plan, made by hand: it has activity 1 (with its year moved on) and one of its own."""
    other = services.plan_create(
        organization=plan.organization, year=2027, title="План на 2027 год", by=admin_user
    )
    section = services.section_create(plan=other, title="ВЗАИМОДЕЙСТВИЕ С ВАРМСУ", by=admin_user)
    services.activity_create(
        section=section,
        by=admin_user,
        data=ActivityInput(
            number="1", title=plan.activities.get(number="1").title, period_text="март"
        ),
    )
    services.activity_create(
        section=section,
        by=admin_user,
        data=ActivityInput(number="2", title="Новое мероприятие 2027 года", period_text="май"),
    )
    return other


def test_the_roll_over_button_does_not_make_a_second_plan_but_shows_the_existing_one(
    client, admin_user, plan, next_year
):
    client.force_login(admin_user)
    response = client.post(reverse("plans-rollover", args=[plan.pk]))
    assert response["Location"] == reverse("plans-rollover-occupied", args=[plan.pk])
    assert Plan.objects.filter(year=2027).count() == 1
    page = client.get(response["Location"]).content.decode()
    assert "У организации уже есть план на 2027 год" in page
    assert reverse("plans-detail", args=[next_year.pk]) in page  # open it
    assert reverse("plans-rollover-missing", args=[plan.pk, next_year.pk]) in page  # complete it
    assert "Добавить недостающие мероприятия (2)" in page  # 11 and 11.1; activity 1 is there


def test_the_service_refuses_an_occupied_year_unless_a_second_plan_is_confirmed(
    plan, admin_user, next_year
):
    with pytest.raises(ValidationError, match="уже есть план на 2027 год"):
        plan_rollover(plan=plan, by=admin_user)
    second = plan_rollover(plan=plan, by=admin_user, second=True)
    assert second.year == 2027 and second.pk != next_year.pk and second.activities.count() == 3


def test_a_second_plan_needs_the_confirmation_box(client, admin_user, plan, next_year):
    client.force_login(admin_user)
    unconfirmed = client.post(reverse("plans-rollover", args=[plan.pk]), {"second": "1"})
    assert unconfirmed["Location"] == reverse("plans-rollover-occupied", args=[plan.pk])
    assert Plan.objects.filter(year=2027).count() == 1
    confirmed = client.post(
        reverse("plans-rollover", args=[plan.pk]), {"second": "1", "confirm": "1"}
    )
    second = Plan.objects.filter(year=2027).exclude(pk=next_year.pk).get()
    assert confirmed["Location"] == reverse("plans-rollover-review", args=[second.pk])


def test_missing_activities_are_matched_by_title_listed_and_only_the_ticked_ones_copied(
    client, admin_user, plan, next_year
):
    assert [a.number for a in rollover_missing(plan=plan, target=next_year)] == ["11", "11.1"]
    client.force_login(admin_user)
    url = reverse("plans-rollover-missing", args=[plan.pk, next_year.pk])
    page = client.get(url).content.decode()
    assert "Подготовка ежегодного доклада" in page and "Рассылка модельной формы доклада" in page
    report = plan.activities.get(number="11")
    response = client.post(url, {"activity": [str(report.pk)]})
    assert response["Location"] == reverse("plans-detail", args=[next_year.pk])
    copied = next_year.activities.get(source_activity=report)
    assert copied.description == "Сбор и обобщение информации о деятельности Совета в 2027 году."
    assert copied.section.title == "АНАЛИТИЧЕСКОЕ НАПРАВЛЕНИЕ"  # a section of that title was made
    assert next_year.activities.count() == 3
    assert [a.number for a in rollover_missing(plan=plan, target=next_year)] == ["11.1"]


def test_a_missing_sub_item_goes_under_its_parents_match(admin_user, plan, next_year):
    report = plan.activities.get(number="11")
    plan_rollover_missing(plan=plan, target=next_year, activities=[report], by=admin_user)
    sub_item = plan.activities.get(number="11.1")
    (copy,) = plan_rollover_missing(
        plan=plan, target=next_year, activities=[sub_item], by=admin_user
    )
    assert copy.parent.source_activity == report


def test_an_approved_plan_is_not_completed_silently(client, admin_user, plan, next_year):
    services.plan_approve(
        plan=next_year, by=admin_user, decision="решение Президиума № 1", approved_on=None
    )
    with pytest.raises(ValidationError, match="утверждён"):
        plan_rollover_missing(
            plan=plan, target=next_year, activities=list(plan.activities.all()), by=admin_user
        )
    assert next_year.activities.count() == 2


def test_a_plan_of_another_year_or_organization_is_not_a_target(
    client, admin_user, stranger, plan, next_year
):
    client.force_login(admin_user)
    assert (
        client.get(reverse("plans-rollover-missing", args=[next_year.pk, plan.pk])).status_code
        == 404
    )
    client.force_login(stranger)
    assert client.get(reverse("plans-rollover-occupied", args=[plan.pk])).status_code == 404
    assert (
        client.get(reverse("plans-rollover-missing", args=[plan.pk, next_year.pk])).status_code
        == 404
    )


def test_titles_match_whatever_their_punctuation_and_case(admin_user, plan, next_year):
    services.activity_create(
        section=next_year.sections.first(),
        by=admin_user,
        data=ActivityInput(
            number="3",
            title="ПОДГОТОВКА ЕЖЕГОДНОГО ДОКЛАДА, «О СОСТОЯНИИ МЕСТНОГО САМОУПРАВЛЕНИЯ В ТЮМЕНСКОЙ ОБЛАСТИ».",
        ),
    )
    assert [a.number for a in rollover_missing(plan=plan, target=next_year)] == ["11.1"]
