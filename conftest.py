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
