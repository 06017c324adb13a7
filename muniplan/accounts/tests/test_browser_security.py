"""The browser enforces the Content-Security-Policy on our pages, and htmx still works under it."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from muniplan.plans.tests.browser import url

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_browser_refuses_a_script_injected_into_our_page(page: Page, live_server, csp_refusals):
    page.goto(url(live_server, "/login/"))
    # what an injected fragment would try: an inline script and an inline event handler
    page.evaluate("""() => {
        const script = document.createElement('script');
        script.textContent = 'window.injected = true';
        document.body.appendChild(script);
        const image = document.createElement('img');
        image.setAttribute('onerror', 'window.injected = true');
        image.src = 'data:,broken';
        document.body.appendChild(image);
    }""")
    page.wait_for_timeout(300)
    assert page.evaluate("() => window.injected === undefined")
    assert len(csp_refusals) == 2, csp_refusals
    csp_refusals.clear()  # refused on purpose
    expect(page.get_by_role("button", name="Войти")).to_be_visible()
