"""`muniplan quota`: the JSON of INTERFACES.md, one object per text."""

from __future__ import annotations

import io
import json
import subprocess
import sys

from django.core.management import call_command


def run(*args, stdin=None) -> list[dict]:
    out = io.StringIO()
    call_command("quota", *args, stdout=out, stdin=stdin)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_it_prints_the_two_quotas_of_tyumen_17():
    assert run("не менее 1 новости в неделю и 1 статьи в месяц") == [
        {
            "text": "не менее 1 новости в неделю и 1 статьи в месяц",
            "quotas": [
                {"item": "новость", "min": 1, "per": "week"},
                {"item": "статья", "min": 1, "per": "month"},
            ],
            "needs_review": False,
        }
    ]


def test_it_reads_one_text_a_line_from_standard_input():
    lines = run(
        stdin=io.StringIO(
            "январь - декабрь\nне менее одного материала в месяц\nне менее 100 участников\n"
        )
    )
    assert [(r["quotas"], r["needs_review"]) for r in lines] == [
        ([], False),
        ([{"item": "материал", "min": 1, "per": "month"}], False),
        ([], True),
    ]


def test_the_installed_command_prints_utf8_json():
    result = subprocess.run(
        [sys.executable, "-m", "muniplan.cli", "quota", "Бюллетени", "выпускаются", "ежемесячно."],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(result.stdout)["quotas"] == [{"item": "бюллетень", "min": 1, "per": "month"}]
