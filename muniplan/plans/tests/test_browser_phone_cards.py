"""On a phone the plan table becomes cards: each value is read under its column's name."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .browser import activity_rows, sign_in, url

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LABELS_OF = """row => Array.from(row.cells).map(cell => {
    const label = getComputedStyle(cell, '::before').content;
    return [label === 'none' ? '' : label.slice(1, -1), cell.innerText.trim()];
})"""


def test_a_plan_card_on_a_phone_names_each_of_its_fields(
    page: Page, live_server, admin_user, plan, analytics_activity
):
    sign_in(page, live_server, admin_user.username)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(url(live_server, f"/plans/{plan.pk}/"))
    row = page.locator(f"#a{analytics_activity.pk}")
    expect(row).to_be_visible()

    shown = dict(row.evaluate(LABELS_OF))
    assert shown["Наименование мероприятия"].startswith("Подготовка ежегодного доклада")
    assert "Период" in shown and "Ответственный исполнитель / финансовое обеспечение" in shown
    band = page.locator("#plan-table tr.band").first
    assert band.evaluate("row => getComputedStyle(row.cells[0], '::before').content") == "none"


def test_a_plan_table_on_a_desktop_keeps_its_header_and_no_cell_labels(
    page: Page, live_server, admin_user, plan
):
    sign_in(page, live_server, admin_user.username)
    page.goto(url(live_server, f"/plans/{plan.pk}/"))
    expect(page.locator("#plan-table thead")).to_be_visible()
    labels = activity_rows(page).first.evaluate(LABELS_OF)
    assert {label for label, _ in labels} == {""}


ON_ONE_LINE = """el => {
    const mark = el.querySelector('.mk').getBoundingClientRect();
    const range = document.createRange();
    range.selectNodeContents(el);
    return Array.from(range.getClientRects()).every(r => r.top < mark.bottom && r.bottom > mark.top);
}"""


def test_each_mark_of_the_grid_legend_stays_beside_its_words_on_a_phone(
    page: Page, live_server, admin_user, plan
):
    sign_in(page, live_server, admin_user.username)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(url(live_server, f"/plans/{plan.pk}/grid/"))
    items = page.locator("#status-legend .legend-item")
    expect(items).to_have_count(4)
    assert all(item.evaluate(ON_ONE_LINE) for item in items.all())
