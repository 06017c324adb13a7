"""Every page carries a Content-Security-Policy without inline script, and a Permissions-Policy;
no template holds an inline script or an inline event handler the policy would refuse."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import reverse

TEMPLATES = Path(__file__).resolve().parents[2]
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[^>]*\s(on[a-z]+|hx-on[:\w-]*)\s*=", re.IGNORECASE)


def _policy(response) -> dict[str, list[str]]:
    directives = (
        part.split() for part in response["Content-Security-Policy"].split(";") if part.strip()
    )
    return {name: values for name, *values in directives}


@pytest.mark.django_db
def test_pages_forbid_inline_script_and_unused_browser_features(client, admin_user):
    client.force_login(admin_user)
    for response in (client.get(reverse("accounts-login")), client.get(reverse("plans-list"))):
        policy = _policy(response)
        assert policy["script-src"] == ["'self'"]
        assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
        features = dict(item.split("=") for item in response["Permissions-Policy"].split(", "))
        assert features["camera"] == features["geolocation"] == features["microphone"] == "()"


def test_no_template_has_inline_script_or_event_handlers():
    offenders = []
    for template in sorted(TEMPLATES.rglob("templates/**/*.html")):
        text = template.read_text()
        offenders += [
            f"{template.relative_to(TEMPLATES)}: {m.group(0)[:60]}"
            for pattern in (INLINE_SCRIPT, EVENT_HANDLER)
            for m in pattern.finditer(text)
        ]
    assert offenders == []
