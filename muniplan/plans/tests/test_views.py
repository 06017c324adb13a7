"""Plan pages through HTTP: what a person sees, filters, and a query count that does not grow."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from muniplan.audit.models import AuditEntry
from muniplan.plans import services
from muniplan.plans.services import ActivityInput

pytestmark = pytest.mark.django_db


def _numbers(response) -> list[str]:
    return [a.number for row in response.context["rows"] for a in row.activities]


def test_the_plan_table_shows_sections_as_bands_and_every_field(client, viewer_user, plan):
    client.force_login(viewer_user)
    html = client.get(reverse("plans-detail", args=[plan.pk])).content.decode()
    assert 'class="band"' in html and "ВЗАИМОДЕЙСТВИЕ С ВАРМСУ" in html
    for text in [
        "Январь-апрель\nСентябрь-декабрь",
        "Аппарат Совета",
        "п.п. ___ Сметы на 2026 год",
        "члены РО ВСМС 62 человек",
        "Направление делегации Тюменской области.",
    ]:
        assert text in html


def test_the_plans_notes_are_named_as_the_text_under_its_table(client, viewer_user, plan):
    plan.notes = "Информационно-аналитический отдел Совета"
    plan.save(update_fields=["notes"])
    client.force_login(viewer_user)
    html = client.get(reverse("plans-detail", args=[plan.pk])).content.decode()
    assert "Примечание под таблицей: Информационно-аналитический отдел Совета" in html


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"month": "10"}, ["1"]),
        ({"month": "5"}, ["11", "11.1"]),  # 11.1 falls in May and brings its parent
        ({"month": "7"}, ["11", "11.1"]),
        ({"month": "2"}, ["1"]),
        ({"q": "форума"}, ["1"]),
        ({"q": "модельной"}, ["11", "11.1"]),  # a matching sub-item brings its parent
    ],
)
def test_filters_by_month_and_text(client, viewer_user, plan, params, expected):
    client.force_login(viewer_user)
    assert _numbers(client.get(reverse("plans-detail", args=[plan.pk]), params)) == expected


def test_filters_by_unit_and_section(client, viewer_user, plan, apparatus):
    client.force_login(viewer_user)
    url = reverse("plans-detail", args=[plan.pk])
    assert _numbers(client.get(url, {"unit": apparatus.pk})) == ["1"]
    section = plan.sections.get(title="АНАЛИТИЧЕСКОЕ НАПРАВЛЕНИЕ")
    assert _numbers(client.get(url, {"section": section.pk})) == ["11", "11.1"]


def test_filter_shows_activities_whose_reading_needs_review(
    client, admin_user, viewer_user, plan, apparatus_activity
):
    services.activity_update(
        activity=apparatus_activity,
        by=admin_user,
        data=ActivityInput(number="1", title=apparatus_activity.title, period_text="когда-нибудь"),
    )
    client.force_login(viewer_user)
    assert _numbers(client.get(reverse("plans-detail", args=[plan.pk]), {"review": "1"})) == ["1"]


def test_plan_list_filters_by_status(client, admin_user, plan):
    client.force_login(admin_user)
    assert list(client.get(reverse("plans-list"), {"status": "approved"}).context["plans"]) == []
    assert list(client.get(reverse("plans-list"), {"status": "draft"}).context["plans"]) == [plan]


def test_the_month_grid_marks_the_planned_months(client, viewer_user, plan):
    client.force_login(viewer_user)
    html = client.get(reverse("plans-grid", args=[plan.pk])).content.decode()
    row = html.split('data-number="11"')[1].split("</tr>")[0]
    assert row.count('class="mark on"') == 4  # June to September


def test_the_calendar_shows_an_activity_of_several_months_once_as_bars_across_them(
    client, viewer_user, plan
):
    client.force_login(viewer_user)
    response = client.get(reverse("plans-timeline", args=[plan.pk]))
    bands = {band.activity.number: band.cells for band in response.context["calendar"].bands}
    assert bands["1"] == [
        (4, "янв–апр"),
        (4, ""),
        (4, "сен–дек"),
    ]  # Январь-апрель, Сентябрь-декабрь
    assert bands["11"] == [(5, ""), (4, "июн–сен"), (3, "")]
    assert bands["11.1"] == [(3, ""), (6, "апр–сен"), (3, "")]  # 2-3 квартал
    assert response.content.decode().count("Участие представителей Тюменской области") == 1


def test_the_activity_page_shows_its_history(client, admin_user, apparatus_activity):
    client.force_login(admin_user)
    client.post(
        reverse("plans-activity-edit", args=[apparatus_activity.pk]),
        {
            "number": "1",
            "title": "Участие в днях форума",
            "period_text": "апрель",
            "responsible_units": [u.pk for u in apparatus_activity.responsible_units.all()],
        },
    )
    html = client.get(
        reverse("plans-activity-detail", args=[apparatus_activity.pk])
    ).content.decode()
    assert "Мероприятие изменено" in html and "Участие в днях форума" in html
    assert "admin.tyumen" in html or "Администратор" in html


def test_an_administrator_creates_a_plan_and_a_section(client, admin_user, tyumen):
    client.force_login(admin_user)
    response = client.post(
        reverse("plans-create"),
        {"organization": tyumen.pk, "year": 2027, "title": "План на 2027 год"},
    )
    plan = tyumen.plans.get(year=2027)
    assert response["Location"] == reverse("plans-detail", args=[plan.pk])
    client.post(reverse("plans-section-create", args=[plan.pk]), {"title": "ПРАВОВОЕ НАПРАВЛЕНИЕ"})
    assert [s.title for s in plan.sections.all()] == ["ПРАВОВОЕ НАПРАВЛЕНИЕ"]


def test_a_second_plan_for_the_same_year_must_be_asked_for(client, admin_user, plan, tyumen):
    client.force_login(admin_user)
    data = {"organization": tyumen.pk, "year": plan.year, "title": "Ещё план"}
    response = client.post(reverse("plans-create"), data)
    assert response.status_code == 200
    assert f"У организации уже есть план на {plan.year} год" in response.content.decode()
    assert tyumen.plans.count() == 1
    response = client.post(reverse("plans-create"), {**data, "another": "on"})
    assert response.status_code == 302 and tyumen.plans.count() == 2


def test_roll_over_through_the_page_leads_to_the_review(client, admin_user, plan):
    client.force_login(admin_user)
    response = client.post(reverse("plans-rollover", args=[plan.pk]), follow=True)
    new_plan = plan.rollovers.get()
    assert response.redirect_chain[-1][0] == reverse("plans-rollover-review", args=[new_plan.pk])
    html = response.content.decode()
    assert "п.п. ___ Сметы на 2027 год" in html
    # the year in the plan's title moved on: that change is listed too
    assert new_plan.title.endswith("на 2027 год") and 'id="title-change"' in html
    assert "Тексты не изменились." not in html


def test_moving_an_activity_up_through_the_page(client, admin_user, plan, apparatus, analytics):
    section = plan.sections.get(title="АНАЛИТИЧЕСКОЕ НАПРАВЛЕНИЕ")
    second = services.activity_create(
        section=section, by=admin_user, data=ActivityInput(number="12", title="Второе")
    )
    client.force_login(admin_user)
    client.post(reverse("plans-activity-move", args=[second.pk]), {"direction": "up"})
    assert [a.number for a in section.activities.filter(parent=None).order_by("position")] == [
        "12",
        "11",
    ]


def test_moving_the_first_activity_up_says_it_is_first_and_moves_nothing(client, admin_user, plan):
    section = plan.sections.get(title="АНАЛИТИЧЕСКОЕ НАПРАВЛЕНИЕ")
    first = section.activities.filter(parent=None).order_by("position").first()
    services.activity_create(
        section=section, by=admin_user, data=ActivityInput(number="12", title="Второе")
    )
    last = section.activities.get(number="12")
    client.force_login(admin_user)
    moved = AuditEntry.objects.filter(action="plans.activity.moved")

    page = client.post(
        reverse("plans-activity-move", args=[first.pk]), {"direction": "up"}, follow=True
    ).content.decode()
    assert (
        f"Мероприятие {first.number} уже стоит первым в разделе «АНАЛИТИЧЕСКОЕ НАПРАВЛЕНИЕ»."
        in page
    )
    assert "Мероприятие перемещено." not in page
    page = client.post(
        reverse("plans-activity-move", args=[last.pk]), {"direction": "down"}, follow=True
    ).content.decode()
    assert "Мероприятие 12 уже стоит последним в разделе «АНАЛИТИЧЕСКОЕ НАПРАВЛЕНИЕ»." in page
    assert not moved.exists()
    assert [a.number for a in section.activities.filter(parent=None).order_by("position")] == [
        first.number,
        "12",
    ]


def _grow(plan, by, units, count: int) -> None:
    sections = list(plan.sections.all())
    for i in range(count):
        parent = services.activity_create(
            section=sections[i % 2],
            by=by,
            data=ActivityInput(
                number=str(100 + i),
                title=f"Мероприятие {i}",
                period_text="2-3 квартал",
                responsible_units=units,
                participants=[(5, "Президиум")],
                partners=["ВАРМСУ"],
            ),
        )
        services.activity_create(
            section=sections[i % 2],
            by=by,
            parent=parent,
            data=ActivityInput(
                number=f"{100 + i}.1", title="Подпункт", period_text="май", responsible_units=units
            ),
        )


@pytest.mark.parametrize("persona", ["editor_user", "admin_user"])
@pytest.mark.parametrize("page", ["plans-detail", "plans-grid", "plans-timeline"])
def test_plan_pages_make_the_same_number_of_queries_whatever_the_plan_size(
    client, plan, apparatus, analytics, admin_user, page, persona, request
):
    client.force_login(request.getfixturevalue(persona))
    url = reverse(page, args=[plan.pk])
    client.get(url)  # warm the session
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    _grow(plan, admin_user, [apparatus, analytics], 30)
    with CaptureQueriesContext(connection) as large:
        assert client.get(url).status_code == 200
    assert len(large) == len(small)
    assert len(large) <= 15


def test_a_filtered_plan_page_makes_no_more_queries_than_the_whole_one(client, admin_user, plan):
    client.force_login(admin_user)
    url = reverse("plans-detail", args=[plan.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as whole:
        client.get(url)
    with CaptureQueriesContext(connection) as filtered:
        page = client.get(url, {"month": 4, "q": "форум"}).content.decode()
    assert len(filtered) == len(whole) <= 15
    assert (
        "ВЗАИМОДЕЙСТВИЕ С ВАРМСУ" in page and "АНАЛИТИЧЕСКОЕ НАПРАВЛЕНИЕ" in page
    )  # every section to pick


def test_the_plan_list_makes_the_same_number_of_queries_whatever_the_number_of_plans(
    client, admin_user, plan, tyumen
):
    client.force_login(admin_user)
    url = reverse("plans-list")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for year in range(2010, 2020):
        services.plan_create(organization=tyumen, year=year, title=f"План {year}", by=admin_user)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few) <= 15


def test_text_search_ignores_the_case_of_russian_letters(client, viewer_user, plan):
    client.force_login(viewer_user)
    url = reverse("plans-detail", args=[plan.pk])
    assert _numbers(client.get(url, {"q": "УЧАСТИЕ ПРЕДСТАВИТЕЛЕЙ"})) == ["1"]
    assert _numbers(client.get(url, {"q": "аппарат совета"})) == [
        "1"
    ]  # the responsible unit is searched too
    assert _numbers(client.get(url, {"q": "11.1"})) == ["11", "11.1"]


def test_history_speaks_the_users_language(client, admin_user, apparatus_activity):
    client.force_login(admin_user)
    client.post(
        reverse("plans-activity-edit", args=[apparatus_activity.pk]),
        {
            "number": "1",
            "title": apparatus_activity.title,
            "period_text": "Октябрь-\r\nдекабрь",
            "description": apparatus_activity.description.replace("\n", "\r\n"),
            "responsible_units": [u.pk for u in apparatus_activity.responsible_units.all()],
            "participants": "члены РО ВСМС 62 человек",
            "funding_text": apparatus_activity.funding_text,
        },
    )
    apparatus_activity.refresh_from_db()
    assert "\r" not in apparatus_activity.description + apparatus_activity.period_text
    html = client.get(
        reverse("plans-activity-detail", args=[apparatus_activity.pk])
    ).content.decode()
    latest = html.split('id="history"')[1].split("<tbody>")[1].split("</tr>")[0]
    assert "Мероприятие изменено" in latest and "Период" in latest and "Месяцы" in latest
    assert (
        "period_text" not in latest and "Характеристика" not in latest
    )  # unchanged text is not a change
    assert (
        '<ins class="cell-text">октябрь–декабрь</ins>' in latest
    )  # months as the plan writes them


def test_a_new_activity_is_offered_the_next_number_and_a_sub_item_its_parents(
    client, admin_user, plan, analytics_activity
):
    client.force_login(admin_user)
    assert (
        client.get(reverse("plans-activity-create", args=[plan.pk]))
        .context["form"]["number"]
        .value()
        == "12"
    )
    form = client.get(
        reverse("plans-activity-create", args=[plan.pk]), {"parent": analytics_activity.pk}
    ).context["form"]
    assert (form["number"].value(), form["section"].value()) == (
        "11.2",
        analytics_activity.section_id,
    )


def test_approval_warns_of_unfinished_items(client, admin_user, plan):
    client.force_login(admin_user)
    warnings = client.get(reverse("plans-detail", args=[plan.pk])).context["approval_warnings"]
    assert warnings == ["Мероприятий с незаполненным пунктом сметы («п.п. ___»): 1."]


def test_the_unit_filter_offers_only_units_with_activities_in_the_plan(
    client, viewer_user, plan, tyumen
):
    from muniplan.accounts.models import Unit

    Unit.objects.create(organization=tyumen, name="Президиум", kind="body")
    client.force_login(viewer_user)
    units = client.get(reverse("plans-detail", args=[plan.pk])).context["units"]
    assert [u.name for u in units] == ["Аппарат Совета", "Информационно-аналитический отдел"]


def test_the_move_form_counts_places_from_one(client, admin_user, plan, analytics_activity):
    section = plan.sections.get(title="ВЗАИМОДЕЙСТВИЕ С ВАРМСУ")
    client.force_login(admin_user)
    assert (
        client.get(reverse("plans-activity-edit", args=[analytics_activity.pk]))
        .context["move_form"]["position"]
        .value()
        == 1
    )
    client.post(
        reverse("plans-activity-move", args=[analytics_activity.pk]),
        {"section": section.pk, "position": 2},
    )
    assert [a.number for a in section.activities.filter(parent=None).order_by("position")] == [
        "1",
        "11",
    ]


def test_an_approved_plan_is_archived_by_its_administrator_only(
    client, admin_user, viewer_user, plan
):
    services.plan_approve(
        plan=plan, by=admin_user, decision="решение № 1", approved_on=plan.created.date()
    )
    client.force_login(viewer_user)
    assert client.post(reverse("plans-archive", args=[plan.pk])).status_code == 403
    client.force_login(admin_user)
    client.post(reverse("plans-archive", args=[plan.pk]))
    plan.refresh_from_db()
    assert plan.status == "archived"
    assert client.get(reverse("plans-detail", args=[plan.pk])).status_code == 200


def test_the_calendar_puts_a_one_month_activity_in_its_month_and_an_undated_one_last(
    client, admin_user, plan
):
    section = plan.sections.first()
    services.activity_create(
        section=section,
        by=admin_user,
        data=ActivityInput(number="2", title="Отчётное собрание", period_text="октябрь"),
    )
    services.activity_create(
        section=section,
        by=admin_user,
        data=ActivityInput(
            number="3", title="Консультации по запросу", period_text="по мере необходимости"
        ),
    )
    services.activity_create(
        section=section,
        by=admin_user,
        data=ActivityInput(number="4", title="Ежемесячный обзор", period_text="весь период"),
    )
    client.force_login(admin_user)
    calendar = client.get(reverse("plans-timeline", args=[plan.pk])).context["calendar"]
    assert [(m, [a.number for a in activities]) for m, _, activities in calendar.months] == [
        (10, ["2"])
    ]
    assert [a.number for a in calendar.undated] == ["3"]
    year_round = next(b for b in calendar.bands if b.activity.number == "4")
    assert year_round.cells == [(12, "весь год")]


@pytest.mark.parametrize(
    "decision, phrase",
    [
        ("решение Правления от 20.12.2023 № 5", "решением Правления от 20.12.2023 № 5"),
        ("решение Президиума № 12", "решением Президиума № 12 от 15.12.2025"),
        ("протокол заседания Президиума № 3", "протокол заседания Президиума № 3 от 15.12.2025"),
    ],
)
def test_the_plan_page_says_by_which_decision_the_plan_was_approved(
    client, admin_user, plan, decision, phrase
):

    services.plan_approve(
        plan=plan, by=admin_user, decision=decision, approved_on=dt.date(2025, 12, 15)
    )
    client.force_login(admin_user)
    html = client.get(reverse("plans-detail", args=[plan.pk])).content.decode()
    assert f'<span class="muted" id="plan-decision">{phrase}</span>' in html


def test_approval_needs_a_decision_and_a_date_that_has_come(client, admin_user, plan):
    client.force_login(admin_user)
    url = reverse("plans-approve", args=[plan.pk])
    page = client.post(url, {"decision": "", "approved_on": "2025-12-15"}, follow=True)
    assert (
        "Решение об утверждении: укажите, каким решением утверждён план." in page.content.decode()
    )
    future = timezone.localdate() + dt.timedelta(days=1)
    page = client.post(
        url, {"decision": "решение № 1", "approved_on": future.isoformat()}, follow=True
    )
    assert f"Дата утверждения {future:%d.%m.%Y} ещё не наступила." in page.content.decode()
    page = client.post(url, {"decision": "решение № 1", "approved_on": "2019-01-10"}, follow=True)
    assert "план на 2026 год не утверждают раньше 2025 года" in page.content.decode()
    plan.refresh_from_db()
    assert plan.status == "draft" and plan.approved_on is None


def test_the_archive_is_offered_once_the_plans_year_is_over(client, admin_user, plan):
    services.plan_approve(
        plan=plan, by=admin_user, decision="решение № 1", approved_on=dt.date(2025, 12, 15)
    )
    client.force_login(admin_user)
    page = client.get(reverse("plans-detail", args=[plan.pk])).content.decode()
    over = plan.year < timezone.localdate().year
    assert ("Перенести в архив" in page) == over
    services.plan_reopen(plan=plan, by=admin_user, reason="уточнение")
    listing = client.get(reverse("plans-list")).content.decode()
    assert "15.12.2025" not in listing  # a reopened plan is a draft again: no approval date shown


def test_a_plan_without_a_title_or_section_names_is_still_readable(client, admin_user, tyumen):
    plan = services.plan_create(organization=tyumen, year=2027, title="", by=admin_user)
    section = services.section_create(plan=plan, title="", by=admin_user)
    services.activity_create(section=section, by=admin_user, data=ActivityInput(title="Семинар"))
    client.force_login(admin_user)
    listing = client.get(reverse("plans-list")).content.decode()
    assert f'<a href="/plans/{plan.pk}/">План работы на 2027 год</a>' in listing
    page = client.get(reverse("plans-detail", args=[plan.pk])).content.decode()
    assert '<h1 class="cell-text">План работы на 2027 год</h1>' in page
    assert "Без раздела" in page
