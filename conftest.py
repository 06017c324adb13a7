"""Shared pytest setup: Playwright uses Debian's Chromium, and the live server may touch the ORM."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

# Property tests judge results, not speed: on a busy machine a deadline fails correct code.
settings.register_profile("muniplan", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("muniplan")

# Playwright's sync API runs an event loop in the test thread; the ORM calls there are safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("MUNIPLAN_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": [
            "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--disable-quic",
        ],
    }


@pytest.fixture(autouse=True)
def csp_refusals(request):
    """Every browser test also proves its pages work under the Content-Security-Policy: Chromium
    reports each refused script or style on the console, and any report left in this list at the end
    fails the test (a test that provokes refusals on purpose reads and clears it)."""
    refused: list[str] = []
    if request.node.get_closest_marker("browser") is None or "page" not in request.fixturenames:
        yield refused
        return
    page = request.getfixturevalue("page")
    page.on("console", lambda message: refused.append(message.text)
            if "Content Security Policy" in message.text else None)
    yield refused
    assert not refused, f"the Content-Security-Policy refused: {refused}"
