"""An administrator publishes an approved plan; a resident opens the link on a phone without signing in."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Browser, Page, expect

from muniplan.plans import services as plan_services
from muniplan.plans.tests.browser import sign_in, url

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_published_plan_reads_on_a_phone_without_signing_in(
    page: Page, browser: Browser, live_server, plan, admin_user
):
    plan_services.plan_approve(
        plan=plan,
        by=admin_user,
        decision="решением Президиума № 12",
        approved_on=dt.date(2025, 12, 15),
    )
    sign_in(page, live_server, admin_user.username)
    page.goto(url(live_server, f"/plans/{plan.pk}/"))
    page.get_by_role("button", name="Опубликовать на публичной странице").click()
    expect(page.locator(".messages")).to_contain_text("План опубликован. Ссылка для сайта:")
    public_url = page.locator("#public-link").get_attribute("href")

    phone = browser.new_context(viewport={"width": 390, "height": 800})
    resident = phone.new_page()
    resident.goto(url(live_server, public_url))
    expect(resident.get_by_role("heading", level=1)).to_contain_text("ПЛАН реализации")
    expect(resident.locator("tr.activity")).to_have_count(3)
    expect(resident.locator("main")).to_contain_text("Рассылка модельной формы доклада")
    assert resident.evaluate("document.documentElement.scrollWidth") <= 390
    # the tab shows the product's icon; without a link the browser asks for /favicon.ico and gets 404
    icon = resident.locator('link[rel="icon"]').get_attribute("href")
    assert resident.request.get(url(live_server, icon)).status == 200

    page.get_by_role("button", name="Снять с публикации").click()
    expect(page.locator(".messages")).to_contain_text("снят с публичной страницы")
    assert resident.goto(url(live_server, public_url)).status == 404
    phone.close()


def test_the_api_documentation_opens_offline_under_the_content_security_policy(
    page: Page, live_server
):
    page.goto(url(live_server, "/api/v1/docs"))
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("MuniPlan API")
    expect(page.locator(".opblock-summary-path").first).to_be_visible()
