"""The seed 004 resolution put under control in a real browser, from the follow-up page to the controller."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from muniplan.control.models import ControlItem
from muniplan.plans.tests.browser import sign_in, url

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_resolution_under_control_reported_closed_and_extended(
    page: Page, live_server, resolution, smolensk_admin, controller, directorate
):
    follow_up = url(live_server, f"/control/resolutions/{resolution.pk}/")
    sign_in(page, live_server, smolensk_admin.username)
    page.goto(follow_up)
    expect(
        page.get_by_role("heading", name="Информация о ходе выполнения рекомендаций")
    ).to_be_visible()
    expect(page.locator("tr.recommendation")).to_have_count(24)
    form = page.locator("#control-all-form")
    form.get_by_label("Контролёр").select_option(label="Контролёр")
    form.get_by_label("Срок исполнения").fill("2021-09-01")
    form.get_by_role("button", name="Поставить все на контроль").click()
    expect(page.locator(".messages")).to_contain_text("Поставлено на контроль рекомендаций: 24.")
    expect(page.locator("tr.recommendation .status", has_text="На исполнении")).to_have_count(24)

    own = page.locator("form.to-plan")
    expect(own).to_have_count(1)
    own.get_by_label("Год нового плана").fill("2021")
    own.get_by_role("button", name="Включить в план").click()
    expect(page.locator(".messages")).to_contain_text("В план включено мероприятий: 4.")
    expect(page.get_by_text("Мероприятие плана:")).to_have_count(4)
    page.get_by_text("Мероприятие плана:").first.get_by_role("link").click()
    expect(page.locator("#activity-recommendation")).to_contain_text("рекомендация 1")

    # the administrator reports on the first recommendation to the media, with a PDF as evidence
    media = ControlItem.objects.get(recommendation__addressee__name="Средствам массовой информации")
    page.goto(url(live_server, f"/control/items/{media.pk}/"))
    note = page.locator("#note-form")
    note.get_by_label("Дата").fill("2021-06-15")
    note.get_by_label("Что сделано").fill("Опубликованы 12 материалов о ТОС в районных газетах")
    note.get_by_label("Подтверждающие материалы").set_input_files(
        files=[
            {"name": "публикации.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 press"}
        ]
    )
    note.get_by_label("Поручение исполнено").check()
    note.get_by_role("button", name="Добавить отчёт").click()
    expect(page.locator("#item-status")).to_contain_text("Исполнено — на проверке")
    expect(page.get_by_role("link", name="публикации.pdf")).to_be_visible()
    page.get_by_role("button", name="Выйти").click()

    # the controller takes it off control, and extends another recommendation's deadline
    sign_in(page, live_server, controller.username)
    page.goto(url(live_server, f"/control/items/{media.pk}/"))
    page.locator("#close-form").get_by_label("Основание").fill("Исполнено, публикации проверены")
    page.get_by_role("button", name="Снять с контроля").click()
    expect(page.locator("#item-status")).to_contain_text("Снято с контроля")
    expect(page.locator("#status-history")).to_contain_text("Исполнено, публикации проверены")

    other = ControlItem.objects.filter(status=ControlItem.Status.IN_PROGRESS).first()
    page.goto(url(live_server, f"/control/items/{other.pk}/"))
    extend = page.locator("#extend-form")
    extend.get_by_label("Новый срок").fill("2021-12-31")
    extend.get_by_label("Причина продления").fill("Семинары перенесены на IV квартал")
    extend.get_by_role("button", name="Продлить срок").click()
    expect(page.locator("#item-deadline")).to_have_text("31.12.2021")
    expect(page.locator("#item-status")).to_contain_text("Срок продлён")

    page.goto(follow_up)
    rows = page.locator("tr.recommendation")
    expect(rows).to_have_count(24)
    expect(page.locator("tr.recommendation .status", has_text="Снято с контроля")).to_have_count(1)
    expect(page.locator("tr.recommendation .status", has_text="Срок продлён")).to_have_count(1)
    expect(page.locator("tr.recommendation .status", has_text="На исполнении")).to_have_count(22)
    expect(page.locator(f"#r{media.recommendation_id}")).to_contain_text(
        "Опубликованы 12 материалов"
    )
    media.refresh_from_db()
    other.refresh_from_db()
    assert media.status == ControlItem.Status.CLOSED and str(other.deadline) == "2021-12-31"
