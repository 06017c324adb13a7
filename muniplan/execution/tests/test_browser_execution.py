"""On the demo data, in a browser, on 4 May 2026: the analytics editor reports on Tyumen 17 with two
news, one article and a photo; the quota progress and the dashboard change; Tyumen 1 without a report
is overdue on the dashboard and in the grid, an activity «по мере необходимости» is not."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from playwright.sync_api import Page, expect

from muniplan.execution.models import ExecutionReport
from muniplan.plans.models import Activity
from muniplan.plans.tests.browser import sign_in, url
from muniplan.transfer.demo import DEMO_PASSWORD, TYUMEN, demo_load

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def demo(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    demo_load()
    with time_machine.travel(dt.datetime(2026, 5, 4, 9, 0, tzinfo=dt.UTC), tick=True):
        yield {
            a.number: a
            for a in Activity.objects.filter(plan__organization__name=TYUMEN, plan__year=2026)
        }


def test_the_editor_reports_on_tyumen_17_and_the_dashboard_and_grid_follow(
    page: Page, live_server, demo
):
    news, forum, as_needed = demo["17"], demo["1"], demo["9"]
    assert as_needed.condition == "as_needed"
    sign_in(page, live_server, "tyumen-editor", DEMO_PASSWORD)

    page.get_by_role("link", name="Сводка исполнения").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Тюменской области")
    overdue = page.locator("#overdue-list")
    expect(overdue).to_contain_text("Участие представителей Тюменской области")
    expect(overdue).not_to_contain_text(as_needed.title[:40])
    expect(page.locator("#reports-quarter")).to_have_text("0")
    behind_before = int(page.locator("#behind-count").inner_text())
    expect(page.locator("#behind-list")).to_contain_text("новости: 0 из 17 к 04.05, отставание 17")
    expect(page.locator("svg").first).to_be_visible()

    page.goto(url(live_server, f"/activities/{news.pk}/"))
    progress = page.locator("#quota-progress")
    expect(progress).to_contain_text("новости: 0 из 17 к 04.05, отставание 17")
    expect(progress).to_contain_text("статьи: 0 из 4 к 04.05, отставание 4")
    page.get_by_role("link", name="Добавить отчёт").click()
    page.get_by_label("Дата проведения (или начала)").fill("2026-04-30")
    page.get_by_label("Что сделано").fill("Опубликованы две новости о семинаре глав и статья о ТОС")
    page.get_by_label("Сколько: новости").fill("2")
    page.get_by_label("Сколько: статьи").fill("1")
    page.get_by_label("Ссылки (сайт, Telegram, ВКонтакте)").fill(
        "https://www.smo72.ru/news/seminar"
    )
    page.get_by_label("Файлы (фотографии, документы)").set_input_files(
        files=[{"name": "семинар.png", "mimeType": "image/png", "buffer": PNG}]
    )
    page.get_by_role("button", name="Сохранить").click()

    expect(page.locator(".messages")).to_contain_text("Отчёт добавлен")
    expect(progress).to_contain_text("новости: 2 из 17 к 04.05, отставание 15")
    expect(progress).to_contain_text("статьи: 1 из 4 к 04.05, отставание 3")
    expect(page.locator("#reports tr.report")).to_have_count(1)
    with page.expect_download() as download:
        page.get_by_role("link", name="семинар.png").click()
    assert open(download.value.path(), "rb").read() == PNG
    report = ExecutionReport.objects.get(activity=news)
    assert sorted((d.item, d.count) for d in report.deliveries.all()) == [
        ("новость", 2),
        ("статья", 1),
    ]

    page.get_by_role("link", name="Сводка исполнения").click()
    expect(page.locator("#reports-quarter")).to_have_text("1")
    expect(page.locator("#behind-list")).to_contain_text("новости: 2 из 17 к 04.05, отставание 15")
    assert int(page.locator("#behind-count").inner_text()) == behind_before  # still behind, less so

    page.goto(url(live_server, f"/plans/{forum.plan_id}/grid/"))
    expect(page.locator("#status-legend")).to_be_visible()
    forum_marks = page.locator('#plan-grid tr[data-number="1"] td.mark')
    for month in (1, 2, 3, 4):
        expect(forum_marks.nth(month - 1)).to_have_attribute("data-mark", "overdue")
    expect(forum_marks.nth(8)).to_have_attribute("data-mark", "planned")
    expect(page.locator('#plan-grid tr[data-number="1"]')).to_contain_text("просрочено")
    needed = page.locator('#plan-grid tr[data-number="9"]')
    expect(needed.locator('td.mark[data-mark="overdue"]')).to_have_count(0)
    expect(needed).not_to_contain_text("просрочено")
    news_row = page.locator('#plan-grid tr[data-number="17"]')
    expect(news_row.locator("td.mark").nth(3)).to_have_attribute(
        "data-mark", "done"
    )  # April has the report
    expect(news_row).to_contain_text("выполняется")


def test_the_viewer_sees_the_status_but_no_report_button(page: Page, live_server, demo):
    sign_in(page, live_server, "tyumen-viewer", DEMO_PASSWORD)
    page.goto(url(live_server, f"/activities/{demo['1'].pk}/"))
    expect(page.locator("#execution")).to_contain_text("просрочено")
    expect(page.get_by_role("link", name="Добавить отчёт")).to_have_count(0)
    expect(page.locator("#override-panel")).to_have_count(0)


def test_the_administrator_moves_tyumen_1_to_june_with_a_reason(page: Page, live_server, demo):
    sign_in(page, live_server, "tyumen-admin", DEMO_PASSWORD)
    page.goto(url(live_server, f"/activities/{demo['1'].pk}/"))
    page.locator("#override-panel summary").click()
    page.get_by_label("Статус").select_option(label="перенесено")
    page.get_by_label("Перенести на").select_option(label="июнь")
    page.get_by_label("Причина").fill("Региональные дни форума перенесены организаторами")
    page.get_by_role("button", name="Сохранить статус").click()
    expect(page.locator("#execution")).to_contain_text("перенесено на июнь")
    expect(page.locator("#overrides")).to_contain_text(
        "Региональные дни форума перенесены организаторами"
    )
    page.get_by_role("link", name="Сводка исполнения").click()
    expect(page.locator("#overdue-list")).not_to_contain_text(
        "Участие представителей Тюменской области"
    )
    expect(page).to_have_url(re.compile(r"/execution/dashboard/"))
