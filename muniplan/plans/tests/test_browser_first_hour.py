"""In a real browser: copying a plan into a year that already has one, the folding menu on a phone,
and printing a plan, its grid and its calendar."""

from __future__ import annotations

import io

import pdfplumber
import pytest
from playwright.sync_api import Page, expect

from muniplan.plans import services
from muniplan.plans.models import Plan
from muniplan.plans.services import ActivityInput

from .browser import sign_in, url

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def next_year(plan, admin_user):
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
    return other


def test_copying_into_an_occupied_year_warns_and_offers_open_complete_or_a_confirmed_second_plan(
    page: Page, live_server, admin_user, plan, next_year
):
    sign_in(page, live_server, admin_user.username)
    page.goto(url(live_server, f"/plans/{plan.pk}/"))
    page.get_by_role("button", name="Копировать на 2027 год").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "У организации уже есть план на 2027 год"
    )
    assert Plan.objects.filter(year=2027).count() == 1  # the click made nothing
    existing = page.locator(f"#existing-{next_year.pk}")
    expect(existing.get_by_role("link", name="Открыть план на 2027 год")).to_have_attribute(
        "href", f"/plans/{next_year.pk}/"
    )
    existing.get_by_role("link", name="Добавить недостающие мероприятия (2)").click()

    rows = page.locator("#missing-activities tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("Подготовка ежегодного доклада")
    page.get_by_label("Рассылка модельной формы доклада").uncheck()
    page.get_by_role("button", name="Добавить отмеченные в план на 2027 год").click()
    expect(page).to_have_url(url(live_server, f"/plans/{next_year.pk}/"))
    expect(page.locator(".messages")).to_contain_text("добавлено мероприятий: 1")
    assert sorted(next_year.activities.values_list("number", flat=True)) == ["1", "11"]

    page.goto(url(live_server, f"/plans/{plan.pk}/"))
    page.get_by_role("button", name="Копировать на 2027 год").click()
    second = page.locator("#second-plan-form")
    second.get_by_role(
        "button", name="Создать второй план"
    ).click()  # the box is not ticked: the browser stops it
    assert Plan.objects.filter(year=2027).count() == 1
    second.get_by_label("Да, нужен второй план на 2027 год").check()
    second.get_by_role("button", name="Создать второй план").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Копия плана на 2027 год: что изменилось"
    )
    assert Plan.objects.filter(year=2027).count() == 2


def test_on_a_phone_the_menu_folds_behind_a_button(page: Page, live_server, viewer_user, plan):
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, live_server, viewer_user.username)
    menu = page.get_by_role("button", name="Меню")
    plans_link = page.locator("#main-nav").get_by_role("link", name="Резолюции")
    expect(plans_link).to_be_hidden()
    menu.click()
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(plans_link).to_be_visible()
    page.set_viewport_size({"width": 1280, "height": 800})
    expect(menu).to_be_hidden()


@pytest.mark.parametrize(
    ("path", "content"),
    [("", "#plan-table"), ("grid/", "#plan-grid"), ("timeline/", "#calendar-bands")],
)
def test_a_printed_plan_page_is_the_content_alone_in_landscape(
    page: Page, live_server, admin_user, plan, path, content
):
    sign_in(page, live_server, admin_user.username)
    page.goto(url(live_server, f"/plans/{plan.pk}/{path}"))
    page.emulate_media(media="print")
    for chrome in ("header.top", "#activity-filter", "nav.tabs", ".toolbar"):
        expect(page.locator(chrome).first).to_be_hidden()
    expect(page.locator(content)).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    with pdfplumber.open(io.BytesIO(page.pdf(prefer_css_page_size=True))) as pdf:
        first = pdf.pages[0]
        assert first.width > first.height  # landscape
        text = first.extract_text()
    assert "Тюменской области" in text and "Выйти" not in text and "Все разделы" not in text


def test_the_funding_and_decision_fields_show_their_whole_text(
    page: Page, live_server, admin_user, plan, apparatus_activity
):
    sign_in(page, live_server, admin_user.username)
    page.goto(url(live_server, f"/activities/{apparatus_activity.pk}/edit/"))
    funding = page.get_by_label("Финансовое обеспечение")
    expect(funding).to_have_value("п.п. ___ Сметы на 2026 год")
    assert funding.evaluate("el => el.scrollWidth <= el.clientWidth")  # nothing cut off
    page.goto(url(live_server, f"/plans/{plan.pk}/"))
    page.locator("#approve-panel summary").click()
    decision = page.get_by_label("Решение об утверждении")
    decision.fill("решение Президиума Совета муниципальных образований от 15.12.2025 № 12")
    assert decision.evaluate("el => el.scrollWidth <= el.clientWidth")
