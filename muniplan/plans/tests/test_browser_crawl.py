"""The guard of the first hour: every demo login walks every page it can reach from the menus and from
a plan, on a desktop and at 390 px, and no page may fail, scroll sideways, break accessibility
(axe-core serious or critical), show English words or Django's debug page.

Pages are discovered from links, not listed here, so pages added later are checked as they land.
"""

from __future__ import annotations

import re
from collections import deque
from urllib.parse import urljoin, urlsplit

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

from muniplan.accounts.access import administered_organizations
from muniplan.plans.models import Plan
from muniplan.plans.rollover import plans_of_next_year
from muniplan.tests_support.a11y import (
    axe_violations,
    debug_page,
    english_words,
    horizontal_overflow,
)
from muniplan.transfer.demo import DEMO_PASSWORD, PEOPLE, SEEDS, demo_load
from muniplan.transfer.services import document_read

from .browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
# Not pages of the product: logging out is a form, Django's admin is for superusers.
SKIP = re.compile(r"^/(admin|logout|media|static)/")
UNKNOWN_HEADERS = "План работы на 2026 год\nКолонка А;Колонка Б\n1;Семинар для глав поселений\n"


def page_kind(path: str) -> str:
    """/plans/12/grid/ and /plans/40/grid/ are one kind of page: each kind is visited once per login."""
    return re.sub(r"\d+", "N", path)


def same_site_paths(page: Page, current: str) -> list[str]:
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))")
    paths = []
    for href in hrefs:
        parts = urlsplit(urljoin(current, href))
        if (not parts.netloc or parts.netloc == urlsplit(current).netloc) and not SKIP.search(
            parts.path
        ):
            paths.append(parts.path)
    return paths


def start_paths(username: str) -> list[str]:
    """The plan list, and for an administrator the roll-over choice of a plan whose next year is taken
    (reached from a plan by a POST button, so no link leads there)."""
    user = User.objects.get(username=username)
    paths = ["/"]
    for plan in Plan.objects.filter(organization__in=administered_organizations(user)):
        if plans_of_next_year(plan):
            paths.append(f"/plans/{plan.pk}/rollover/occupied/")
    return paths


# Pages whose phone layout differs most (folded menu, cards, scrolling frames) get axe at 390 px too.
PHONE_AXE = re.compile(r"^/$|^/plans/\d+/(grid/|timeline/)?$")


def check(page: Page, path: str, names: set[str]) -> list[str]:
    problems = [f"{path}: {v}" for v in axe_violations(page)]
    problems += [
        f"{path}: английские слова {words}" for words in [english_words(page, names)] if words
    ]
    if debug_page(page):
        problems.append(f"{path}: отладочная страница Django")
    page.set_viewport_size(PHONE)
    page.wait_for_timeout(50)
    if (wider := horizontal_overflow(page)) > 1:
        problems.append(f"{path}: при ширине 390 px страница шире окна на {wider} px")
    if PHONE_AXE.search(path):
        problems += [f"{path} (390 px): {v}" for v in axe_violations(page)]
    page.set_viewport_size(DESKTOP)
    return problems


@pytest.fixture
def demo(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    demo_load()
    tyumen_admin = User.objects.get(username="tyumen-admin")
    organization = administered_organizations(tyumen_admin).get()
    # A document waiting for confirmation (naming a unit the council does not have) and one waiting
    # for its columns: the import pages have content.
    seed = (SEEDS / "tyumen_2026__tab_text.txt").read_text(encoding="utf-8")
    document_read(
        organization=organization,
        filename="tyumen_2026__tab_text.txt",
        by=tyumen_admin,
        data=seed.replace("Аппарат Совета", "Бухгалтерия").encode(),
    )
    document_read(
        organization=organization,
        filename="без заголовков.csv",
        data=UNKNOWN_HEADERS.encode(),
        by=tyumen_admin,
    )
    return set(User.objects.values_list("username", flat=True))


@pytest.mark.parametrize("username", [person[0] for person in PEOPLE])
def test_every_page_a_demo_login_reaches_is_sound_on_desktop_and_phone(
    page: Page, live_server, demo, username
):
    page.set_viewport_size(DESKTOP)
    sign_in(page, live_server, username, DEMO_PASSWORD)
    queue, kinds, problems, visited = deque(start_paths(username)), set(), [], []
    while queue:
        path = queue.popleft()
        if page_kind(path) in kinds:
            continue
        kinds.add(page_kind(path))
        visited.append(path)
        try:
            response = page.goto(f"{live_server.url}{path}")
        except (
            PlaywrightError
        ) as error:  # a file to download (an original, an export): its answer only
            if "Download is starting" not in str(error):
                raise
            response = page.request.get(f"{live_server.url}{path}")
            if response.status >= 400:
                problems.append(f"{path}: ответ {response.status}")
            continue
        if response is None or response.status >= 400:
            problems.append(f"{path}: ответ {response.status if response else 'нет'}")
            continue
        problems += check(page, path, demo)
        queue.extend(same_site_paths(page, page.url))
    assert len(visited) >= 8, visited  # the walk really went through the product
    assert not problems, "\n".join(problems)


def test_the_checks_of_the_walk_catch_what_they_guard_against(page: Page):
    page.set_viewport_size(PHONE)
    page.set_content(
        '<html lang="ru"><body><main><h1>План</h1><input type="text">'
        "<p>Organization: Тюмень, файл plan_2026.docx, https://smo72.ru/ III</p>"
        '<table><tr><td style="min-width:900px">Широкая</td></tr></table></main></body></html>'
    )
    assert any(v.startswith("label (critical)") for v in axe_violations(page))
    assert english_words(page) == ["Organization"]
    assert horizontal_overflow(page) > 400
    page.set_content("<html><body><pre>Traceback (most recent call last):</pre></body></html>")
    assert debug_page(page)
