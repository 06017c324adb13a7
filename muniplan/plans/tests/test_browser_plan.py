"""The Tyumen administrator works with a plan in a real browser: find, filter, edit, approve, copy."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from muniplan.audit.models import AuditEntry
from muniplan.plans import services
from muniplan.plans.models import Activity, Plan, PlanReopening
from muniplan.plans.services import ActivityInput

from .browser import activity_rows, expect_numbers, sign_in, url

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def open_plan(page: Page, live_server, plan: Plan) -> None:
    page.goto(url(live_server, f"/plans/{plan.pk}/"))
    expect(page.locator("#plan-status")).to_be_visible()


def test_admin_signs_in_finds_the_plan_in_the_list_and_opens_it(
    page: Page, live_server, admin_user, plan
):
    sign_in(page, live_server, admin_user.username)

    listed = page.locator("#plans tbody tr")
    expect(listed).to_have_count(1)
    expect(listed).to_contain_text("2026")
    expect(listed).to_contain_text("Проект")
    expect(listed.locator("td").nth(3)).to_have_text("3")
    listed.get_by_role("link").click()

    expect(page).to_have_url(url(live_server, f"/plans/{plan.pk}/"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("на 2026 год")
    expect(page.locator("#activity-count")).to_have_text("3")
    expect_numbers(page, ["1", "11", "11.1"])
    expect(page.locator("#plan-table tr.band")).to_have_count(2)
    expect(page.locator(f"#a{plan.activities.get(number='1').pk}")).to_contain_text("Январь-апрель")


def test_admin_filters_the_plan_by_month_text_and_unit(
    page: Page, live_server, admin_user, plan, apparatus
):
    sign_in(page, live_server, admin_user.username)
    open_plan(page, live_server, plan)
    filters = page.locator("#activity-filter")

    filters.get_by_label("Месяц").select_option(label="окт")
    expect_numbers(page, ["1"])
    expect(page.locator("#activity-count")).to_have_text("1")
    expect(page).to_have_url(
        re.compile(r"month=10")
    )  # the filter is in the address, to share or reload

    filters.get_by_label("Месяц").select_option(
        label="май"
    )  # only 11.1 (2-3 квартал) — it brings its parent
    expect_numbers(page, ["11", "11.1"])

    filters.get_by_label("Месяц").select_option(label="Любой месяц")
    expect_numbers(page, ["1", "11", "11.1"])

    review = filters.get_by_label("требуют проверки")
    review.check()
    expect_numbers(page, [])
    expect(page.locator("#plan-table")).to_contain_text("Ничего не найдено.")
    review.uncheck()  # an unticked box sends nothing: the filter must not linger in the address
    expect_numbers(page, ["1", "11", "11.1"])
    expect(page).not_to_have_url(re.compile(r"review="))

    search = filters.get_by_label("Поиск")
    search.fill("форума")
    search.press("Enter")
    expect_numbers(page, ["1"])
    search.fill("")
    search.press_sequentially("модельной")  # typed: the table follows after a pause, no Enter
    expect_numbers(page, ["11", "11.1"])  # a matching sub-item brings its parent
    expect(page).to_have_url(re.compile(r"q=%D0%BC"))
    search.fill("")  # cleared (the × of the search box, a paste, a cut) — the whole plan is back
    expect_numbers(page, ["1", "11", "11.1"])
    search.press_sequentially("11.1")
    expect_numbers(page, ["11", "11.1"])
    search.fill("")
    search.press("Enter")
    expect_numbers(page, ["1", "11", "11.1"])

    filters.get_by_label("Ответственный").select_option(label="Аппарат Совета")
    expect_numbers(page, ["1"])
    expect(page).to_have_url(re.compile(rf"unit={apparatus.pk}"))

    page.reload()  # the address kept the filter
    expect_numbers(page, ["1"])
    expect(filters.get_by_label("Ответственный")).to_have_value(str(apparatus.pk))


def test_admin_edits_an_activity_and_sees_it_in_history(
    page: Page, live_server, admin_user, plan, analytics_activity
):
    sign_in(page, live_server, admin_user.username)
    open_plan(page, live_server, plan)

    page.locator(f"#a{analytics_activity.pk}").get_by_title("Изменить").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Изменить мероприятие 11")
    form = page.locator("#activity-form")
    form.get_by_label("Наименование мероприятия").fill(
        "Подготовка доклада о состоянии местного самоуправления"
    )
    form.get_by_label("Период (как в плане)").fill("Октябрь-ноябрь")
    form.get_by_role("button", name="Сохранить").click()

    expect(page).to_have_url(url(live_server, f"/activities/{analytics_activity.pk}/"))
    expect(page.locator(".messages")).to_contain_text("Изменения сохранены.")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "11 Подготовка доклада о состоянии местного самоуправления"
    )
    fields = page.locator("#activity-fields")
    expect(fields).to_contain_text("Октябрь-ноябрь")
    history = page.locator("#history tbody tr")
    expect(history).to_have_count(2)  # created, then updated — newest first
    latest = history.first
    expect(latest).to_contain_text("Администратор")
    expect(latest.locator("del").first).to_be_visible()
    expect(latest).to_contain_text("Подготовка ежегодного доклада")
    expect(latest).to_contain_text("Подготовка доклада о состоянии местного самоуправления")
    expect(latest).to_contain_text("Июнь-сентябрь")
    expect(latest).to_contain_text("Октябрь-ноябрь")

    analytics_activity.refresh_from_db()
    assert analytics_activity.title == "Подготовка доклада о состоянии местного самоуправления"
    assert analytics_activity.period_text == "Октябрь-ноябрь"
    assert analytics_activity.months == [10, 11]  # read again from the new text, not the old ticks
    assert not analytics_activity.period_needs_review
    entry = AuditEntry.objects.filter(
        object_type="activity", object_id=analytics_activity.pk, action="plans.activity.updated"
    ).get()
    assert entry.actor == admin_user
    assert set(entry.changes) >= {"title", "period_text", "months"}

    page.goto(url(live_server, f"/plans/{plan.pk}/"))
    expect(page.locator(f"#a{analytics_activity.pk}")).to_contain_text("Октябрь-ноябрь")


def test_admin_adds_an_activity(page: Page, live_server, admin_user, plan, apparatus):
    sign_in(page, live_server, admin_user.username)
    open_plan(page, live_server, plan)

    page.get_by_role("link", name="Добавить мероприятие").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Новое мероприятие")
    form = page.locator("#activity-form")
    form.get_by_label("Раздел").select_option(label="ВЗАИМОДЕЙСТВИЕ С ВАРМСУ")
    form.get_by_label("№ п/п").fill("2")
    form.get_by_label("Наименование мероприятия").fill(
        "Участие делегации региона в форуме «Малая Родина – сила России»"
    )
    form.get_by_label("Период (как в плане)").fill("апрель")
    form.locator("#row-responsible_units").get_by_label("Аппарат Совета").check()
    form.get_by_label("Планируемые участники").fill("члены РО ВСМС 12 человек")
    form.get_by_role("button", name="Сохранить").click()

    expect(page.locator(".messages")).to_contain_text("Мероприятие добавлено.")
    added = Activity.objects.get(plan=plan, number="2")
    expect(page).to_have_url(url(live_server, f"/plans/{plan.pk}/#a{added.pk}"))
    expect_numbers(page, ["1", "2", "11", "11.1"])
    expect(page.locator(f"#a{added.pk}")).to_contain_text("Малая Родина")
    expect(page.locator("#activity-count")).to_have_text("4")

    assert added.section.title == "ВЗАИМОДЕЙСТВИЕ С ВАРМСУ"
    assert added.months == [4]
    assert list(added.responsible_units.all()) == [apparatus]
    assert [(p.count, p.category) for p in added.participations.all()] == [(12, "члены РО ВСМС")]


def test_admin_deletes_an_activity_after_the_confirmation_page(
    page: Page, live_server, admin_user, plan, analytics_activity
):
    sign_in(page, live_server, admin_user.username)
    open_plan(page, live_server, plan)

    page.locator(f"#a{analytics_activity.pk}").get_by_title("Удалить").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Удалить мероприятие 11?")
    expect(page.locator(".panel")).to_contain_text(
        "11.1 Рассылка модельной формы доклада"
    )  # goes with it
    assert plan.activities.count() == 3  # nothing is removed before the confirmation
    page.get_by_role("button", name="Удалить").click()

    expect(page).to_have_url(url(live_server, f"/plans/{plan.pk}/"))
    expect(page.locator(".messages")).to_contain_text("Мероприятие перемещено в корзину")
    expect_numbers(page, ["1"])
    assert list(plan.activities.values_list("number", flat=True)) == ["1"]
    assert AuditEntry.objects.filter(
        action="plans.activity.deleted", object_id=analytics_activity.pk
    ).exists()


def test_admin_moves_an_activity_up(page: Page, live_server, admin_user, plan, analytics):
    section = plan.sections.get(title="АНАЛИТИЧЕСКОЕ НАПРАВЛЕНИЕ")
    bulletin = services.activity_create(
        section=section,
        by=admin_user,
        data=ActivityInput(
            number="18",
            title="Выпуск информационных бюллетеней Совета",
            period_text="январь - декабрь",
            responsible_units=[analytics],
        ),
    )
    sign_in(page, live_server, admin_user.username)
    open_plan(page, live_server, plan)
    expect_numbers(page, ["1", "11", "11.1", "18"])

    page.locator(f"#a{bulletin.pk}").get_by_title("Выше").click()

    expect(page.locator(".messages")).to_contain_text("Мероприятие перемещено.")
    expect_numbers(page, ["1", "18", "11", "11.1"])  # the sub-item stays with its activity
    bulletin.refresh_from_db()
    report = plan.activities.get(number="11")
    assert bulletin.position < report.position
    assert [a.number for a in section.activities.filter(parent=None)] == ["18", "11"]


def test_admin_approves_the_plan_and_it_becomes_read_only(
    page: Page, live_server, admin_user, plan, apparatus_activity
):
    sign_in(page, live_server, admin_user.username)
    open_plan(page, live_server, plan)
    expect(page.locator("#plan-status")).to_have_text("Проект")

    panel = page.locator("#approve-panel")
    panel.locator("summary").click()
    expect(panel.get_by_label("Дата утверждения")).to_have_value(
        timezone.localdate().isoformat()
    )  # today
    panel.get_by_label("Решение об утверждении").fill("решение Президиума от 15.12.2025 № 12")
    panel.get_by_label("Дата утверждения").fill("2025-12-15")
    panel.get_by_role("button", name="Утвердить").click()

    expect(page.locator("#plan-status")).to_have_text("Утверждён")
    expect(page.locator(".messages")).to_contain_text("План утверждён.")
    expect(page.locator("#plan-decision")).to_have_text("решением Президиума от 15.12.2025 № 12")
    expect_numbers(page, ["1", "11", "11.1"])
    expect(page.locator("#plan-table a[title='Изменить']")).to_have_count(0)
    expect(page.locator("#plan-table [title='Выше']")).to_have_count(0)
    expect(page.get_by_role("link", name="Добавить мероприятие")).to_have_count(0)
    expect(page.locator("#approve-panel")).to_have_count(0)
    expect(page.locator("#reopen-panel")).to_have_count(1)

    plan.refresh_from_db()
    assert plan.status == Plan.Status.APPROVED
    assert plan.approval_decision == "решение Президиума от 15.12.2025 № 12"
    assert plan.approved_on == dt.date(2025, 12, 15)

    page.goto(url(live_server, f"/activities/{apparatus_activity.pk}/"))
    expect(page.get_by_role("link", name="Изменить")).to_have_count(0)
    response = page.goto(url(live_server, f"/activities/{apparatus_activity.pk}/edit/"))
    assert response.status == 403


def test_admin_reopens_an_approved_plan_with_a_reason(page: Page, live_server, admin_user, plan):
    services.plan_approve(
        plan=plan,
        by=admin_user,
        decision="решение Президиума № 12",
        approved_on=dt.date(2025, 12, 15),
    )
    sign_in(page, live_server, admin_user.username)
    open_plan(page, live_server, plan)
    expect(page.locator("#plan-status")).to_have_text("Утверждён")

    panel = page.locator("#reopen-panel")
    panel.locator("summary").click()
    panel.get_by_label("Причина").fill("Добавить мероприятия по поручению Президиума")
    panel.get_by_role("button", name="Открыть для изменений").click()

    expect(page.locator("#plan-status")).to_have_text("Проект")
    expect(page.locator(".messages")).to_contain_text("План открыт для изменений")
    expect(page.locator("main")).to_contain_text("«Добавить мероприятия по поручению Президиума»")
    expect(page.locator("#plan-table a[title='Изменить']")).to_have_count(3)
    expect(page.locator("#approve-panel")).to_have_count(1)

    plan.refresh_from_db()
    assert plan.status == Plan.Status.DRAFT
    reopening = PlanReopening.objects.get(plan=plan)
    assert reopening.reason == "Добавить мероприятия по поручению Президиума"
    assert reopening.by == admin_user


def test_admin_rolls_the_plan_over_to_next_year_and_reviews_the_changes(
    page: Page, live_server, admin_user, plan
):
    sign_in(page, live_server, admin_user.username)
    open_plan(page, live_server, plan)

    page.get_by_role("button", name="Копировать на 2027 год").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Копия плана на 2027 год: что изменилось"
    )
    new_plan = Plan.objects.get(organization=plan.organization, year=2027)
    expect(page).to_have_url(url(live_server, f"/plans/{new_plan.pk}/rollover/review/"))
    expect(page.locator("#copied-count")).to_have_text("3")
    changes = page.locator("#rollover-changes")
    expect(changes.locator("del", has_text="п.п. ___ Сметы на 2026 год")).to_have_count(1)
    expect(changes.locator("ins", has_text="п.п. ___ Сметы на 2027 год")).to_have_count(1)
    expect(changes.locator("ins", has_text="в 2027 году")).to_have_count(1)

    page.get_by_role("link", name="Перейти к плану на 2027 год").click()
    expect(page).to_have_url(url(live_server, f"/plans/{new_plan.pk}/"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("на 2027 год")
    expect(page.locator("#plan-status")).to_have_text("Проект")
    expect_numbers(page, ["1", "11", "11.1"])
    expect(page.locator("main")).to_contain_text("Скопирован из")

    assert new_plan.source_plan == plan
    assert new_plan.status == Plan.Status.DRAFT
    assert new_plan.activities.count() == 3
    assert new_plan.activities.get(number="1").funding_text == "п.п. ___ Сметы на 2027 год"
    assert (
        plan.activities.get(number="1").funding_text == "п.п. ___ Сметы на 2026 год"
    )  # the source is untouched


def test_month_grid_and_calendar_show_the_activities(
    page: Page, live_server, admin_user, plan, apparatus_activity, analytics_activity
):
    sign_in(page, live_server, admin_user.username)
    open_plan(page, live_server, plan)

    page.get_by_role("link", name="Сетка по месяцам").click()
    expect(page).to_have_url(url(live_server, f"/plans/{plan.pk}/grid/"))
    expect_numbers(page, ["1", "11", "11.1"], table="#plan-grid")
    first = activity_rows(page, "#plan-grid").first
    expect(first.locator("td.mark.on")).to_have_count(8)  # январь-апрель, сентябрь-декабрь
    marks = first.locator("td.mark")
    for month in (1, 2, 3, 4, 9, 10, 11, 12):
        expect(marks.nth(month - 1)).to_have_class(re.compile(r"\bon\b"))
    for month in (5, 6, 7, 8):
        expect(marks.nth(month - 1)).not_to_have_class(re.compile(r"\bon\b"))
    expect(activity_rows(page, "#plan-grid").nth(1).locator("td.mark.on")).to_have_count(
        4
    )  # июнь-сентябрь

    page.get_by_role("link", name="Календарь года").click()
    expect(page).to_have_url(url(live_server, f"/plans/{plan.pk}/timeline/"))
    bands = page.locator("#calendar-bands tbody tr")
    expect(bands).to_have_count(3)  # each activity of several months once, not once per month
    forum = page.locator(f"#calendar-bands tr[data-activity='{apparatus_activity.pk}']")
    expect(forum.locator("td.bar")).to_have_text(["янв–апр", "сен–дек"])
    report = page.locator(f"#calendar-bands tr[data-activity='{analytics_activity.pk}']")
    expect(report.locator("td.bar")).to_have_text(["июн–сен"])
    expect(report.locator("td.bar")).to_have_attribute("colspan", "4")
    expect(
        report.get_by_role("link", name=re.compile("Подготовка ежегодного доклада"))
    ).to_have_attribute("href", f"/activities/{analytics_activity.pk}/")

    search = page.locator("#activity-filter").get_by_label("Поиск")
    search.fill("форума")
    search.press("Enter")
    expect(bands).to_have_count(1)
    expect(bands.first).to_have_attribute("data-activity", str(apparatus_activity.pk))
    expect(bands.first.locator("mark")).to_have_text("форума")
