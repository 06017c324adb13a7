"""`make run` serves the demo as production does: DEBUG off, the product's own Russian error pages,
static files through WhiteNoise, and a refused or missing page is one line in the log."""

from __future__ import annotations

import io
import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import RequestFactory
from django.views.defaults import server_error

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[3]


def test_debug_is_off_unless_asked_for_and_make_run_does_not_ask(tmp_path):
    # The environment of `make run`: nothing set but where the embedded database lives.
    env = {
        k: v for k, v in os.environ.items() if not k.startswith("MUNIPLAN_") and k != "DATABASE_URL"
    }
    env["MUNIPLAN_VAR_DIR"] = str(tmp_path)
    out = subprocess.run(
        [sys.executable, "-c", "import muniplan.settings as s; print(s.DEBUG)"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out.strip() == "False"
    run_target = re.search(r"^run:.*?(?=^\S)", (ROOT / "Makefile").read_text(), re.M | re.S).group(
        0
    )
    assert "MUNIPLAN_DEBUG" not in run_target and "collectstatic" in run_target


def test_a_missing_page_is_the_russian_404(client, viewer_user):
    client.force_login(viewer_user)
    response = client.get("/plans/987654/")
    assert response.status_code == 404
    page = response.content.decode()
    assert (
        "Страница не найдена" in page
        and "К списку планов" in page
        and "Using the URLconf" not in page
    )


def test_a_refused_action_is_the_russian_403(client, viewer_user):
    client.force_login(viewer_user)
    response = client.get("/plans/new/")
    assert response.status_code == 403
    assert "Недостаточно прав" in response.content.decode()


def test_a_server_error_is_the_russian_500():
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Ошибка на сервере" in response.content.decode()


def test_static_files_are_served_by_whitenoise(client):
    response = client.get("/static/muniplan.css")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b":root")


def test_a_404_and_a_403_are_each_logged_once_on_one_line(client, viewer_user):
    django_logger = logging.getLogger("django")
    assert not django_logger.propagate  # the root handler would write each record a second time
    # pytest adds its own capturing handler beside the product's console handler
    (handler,) = [h for h in django_logger.handlers if type(h) is logging.StreamHandler]
    buffer = io.StringIO()
    stream = handler.setStream(buffer)
    try:
        client.force_login(viewer_user)
        client.get("/plans/987654/")
        client.get("/plans/new/")
    finally:
        handler.setStream(stream)
    err = buffer.getvalue()
    assert err.count("Not Found: /plans/987654/") == 1
    assert err.count("Forbidden (Permission denied): /plans/new/") == 1
    assert "Traceback" not in err
    assert len([line for line in err.splitlines() if line.strip()]) == 2
