"""The plan page's table in each layout: the cells `documents.page_table` makes for every row."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from muniplan.plans import services
from muniplan.plans.models import Activity
from muniplan.plans.services import ActivityInput


@pytest.fixture
def plan(tyumen, apparatus, analytics, admin_user):
    plan = services.plan_create(organization=tyumen, year=2026, title="План", by=admin_user)
    section = services.section_create(plan=plan, title="ВЗАИМОДЕЙСТВИЕ", by=admin_user)
    services.activity_create(
        section=section,
        by=admin_user,
        data=ActivityInput(
            number="1",
            title="Форум муниципальных служащих",
            description="Пленарное заседание муниципального форума",
            location="г. Тюмень, <Технопарк>",
            period_text="май, муниципальный этап",
            responsible_units=[apparatus],
            responsible_text="Департамент муниципальной службы",
            funding_text="п.п. 3 сметы муниципального совета",
            partners=["Фонд <развития>", "Союз городов"],
            participants=[(62, "главы поселений")],
        ),
    )
    services.activity_create(
        section=section,
        by=admin_user,
        data=ActivityInput(number="2", title="Доклад", months=[6], responsible_units=[analytics]),
    )
    # read without doubts; the tests that need some set them
    plan.activities.update(period_needs_review=False, needs_review=[])
    return plan


def _cells(client, plan, number: str, **params) -> list[str]:
    """The inner HTML of the cells of one activity's row on the plan page, its actions aside."""
    html = client.get(reverse("plans-detail", args=[plan.pk]), params).content.decode()
    pk = Activity.objects.get(plan=plan, number=number).pk
    row = re.search(rf'<tr id="a{pk}".*?</tr>', html, re.S).group()
    return re.findall(r'<td(?: class="(?!actions)[^"]*")?>(.*?)</td>', row, re.S)


def _layout(plan, key: str) -> None:
    plan.organization.plan_layout = key
    plan.organization.save()


def test_the_tyumen_page_shows_participants_partners_status_and_funding_in_their_columns(
    client, viewer_user, plan
):
    client.force_login(viewer_user)
    number, title, description, period, responsible = _cells(client, plan, "1")
    assert number == "1"
    assert "Форум муниципальных служащих" in title and "status-line" not in title
    assert "г. Тюмень, &lt;Технопарк&gt;" in title
    assert "Участники: главы поселений 62 человек" in description
    assert "Партнёры: Фонд &lt;развития&gt;; Союз городов" in description
    assert period.startswith("май, муниципальный этап\n") and 'class="status-line"' in period
    assert responsible == (
        "Аппарат Совета\nДепартамент муниципальной службы\n"
        '<span class="small">п.п. 3 сметы муниципального совета</span>'
    )


def test_a_period_set_as_months_is_named_and_an_unsure_one_is_flagged(client, viewer_user, plan):
    Activity.objects.filter(plan=plan, number="2").update(
        period_needs_review=True, needs_review=["period", "responsible"]
    )
    client.force_login(viewer_user)
    _, title, _, period, _ = _cells(client, plan, "2")
    assert period.startswith('июнь <span class="badge review">проверить</span>')
    assert "Проверить: Период, Ответственный" in title


def test_a_search_is_marked_in_every_text_column_of_the_tyumen_page(client, viewer_user, plan):
    client.force_login(viewer_user)
    _, title, description, period, responsible = _cells(client, plan, "1", q="МУНИЦИПАЛЬН")
    for cell in (title, description, period):
        assert "<mark>муниципальн" in cell  # the whole word form is marked
    assert responsible.count("<mark>муниципальн") == 2  # the department and the funding
    assert "<mark>" not in "".join(_cells(client, plan, "1"))


def test_the_smolensk_page_shows_the_status_under_the_title_and_the_documents_cells(
    client, viewer_user, plan
):
    _layout(plan, "smolensk")
    Activity.objects.filter(plan=plan, number="1").update(period_needs_review=True)
    client.force_login(viewer_user)
    number, period, title, participants, description = _cells(client, plan, "1", q="форум")
    assert number == "1"
    assert period == 'май, муниципальный этап <span class="badge review">проверить</span>'
    assert "<mark>Форум</mark> муниципальных служащих" in title and "status-line" in title
    assert participants == (
        "главы поселений 62 человек\nсовместно с Фонд &lt;развития&gt;; Союз городов"
    )
    assert description == "Пленарное заседание муниципального <mark>форума</mark>"


def test_the_tula_page_marks_the_planned_months(client, viewer_user, plan):
    _layout(plan, "tula")
    client.force_login(viewer_user)
    number, title, *months, whole_year = _cells(client, plan, "2")
    assert number == "2" and "Доклад" in title
    assert months == [""] * 5 + ["+"] + [""] * 6 and whole_year == ""


@pytest.mark.parametrize(
    ("persona", "editable"),
    [("admin_user", ["1", "2"]), ("editor_user", ["2"]), ("viewer_user", [])],
)
def test_each_row_offers_its_actions_to_whoever_may_change_it(
    client, plan, request, persona, editable
):
    client.force_login(request.getfixturevalue(persona))
    html = client.get(reverse("plans-detail", args=[plan.pk])).content.decode()
    changeable = [
        number
        for number in ("1", "2")
        if reverse("plans-activity-edit", args=[Activity.objects.get(plan=plan, number=number).pk])
        in html
    ]
    assert changeable == editable
