"""In Chromium, on a desktop and a 390-pixel phone: no section or unit name of the dashboard's
charts is covered by a bar, names are whole, and the charts keep their links and roles."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from playwright.sync_api import Page

from muniplan.plans.models import Section
from muniplan.plans.tests.browser import sign_in, url

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONG = "ОРГАНИЗАЦИОННО-МЕТОДИЧЕСКОЕ И ИНФОРМАЦИОННОЕ ОБЕСПЕЧЕНИЕ ДЕЯТЕЛЬНОСТИ СОВЕТА"

# Every label's box against every bar's box of the same chart, as Chromium drew them.
OVERLAPS = """() => {
  const hits = [];
  for (const svg of document.querySelectorAll('figure.chart svg')) {
    const bars = [...svg.querySelectorAll('rect')].map(r => r.getBoundingClientRect());
    for (const t of svg.querySelectorAll('.chart-label')) {
      const a = t.getBoundingClientRect();
      for (const b of bars) {
        if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5) {
          hits.push(t.textContent);
          break;
        }
      }
    }
  }
  return hits;
}"""

SMALLEST_FONT = """() => Math.min(...[...document.querySelectorAll('figure.chart .chart-label')]
  .map(t => t.getBoundingClientRect().height))"""


@pytest.fixture
def may():
    with time_machine.travel(dt.datetime(2026, 5, 4, 9, 0, tzinfo=dt.UTC), tick=True):
        yield


@pytest.mark.parametrize("width", [1366, 390])
def test_no_chart_name_is_covered_by_a_bar(page: Page, live_server, may, admin_user, plan, width):
    Section.objects.filter(plan=plan, title="ВЗАИМОДЕЙСТВИЕ С ВАРМСУ").update(title=LONG)
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, live_server, admin_user.username)
    page.goto(url(live_server, "/execution/dashboard/"))
    assert page.evaluate(OVERLAPS) == []
    labels = page.locator("figure.chart").first.locator(".chart-label").all_text_contents()
    assert LONG in " ".join(labels) and "АНАЛИТИЧЕСКОЕ НАПРАВЛЕНИЕ" in labels
    assert page.evaluate(SMALLEST_FONT) >= 12  # not shrunk to a speck on the phone
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.locator('figure.chart svg[role="img"]').count() == 3
    assert page.locator("figure.chart svg title").first.text_content().startswith(LONG)


def test_the_federal_chart_links_each_name_to_its_plan(
    page: Page, live_server, may, federal_admin, plan
):
    page.set_viewport_size({"width": 390, "height": 900})
    sign_in(page, live_server, federal_admin.username)
    page.goto(url(live_server, "/execution/dashboard/federal/"))
    assert page.locator('figure.chart svg[role="group"]').count() == 1
    link = page.locator("figure.chart svg a").first
    assert link.get_attribute("href") == f"/plans/{plan.pk}/"
    assert page.evaluate(OVERLAPS) == []
