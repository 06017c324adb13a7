"""`muniplan period`: the JSON of INTERFACES.md, one object per line."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

from django.core.management import call_command

INTERFACE_KEYS = {"text", "months", "frequency", "condition", "dates", "needs_review"}


def run(*args, stdin=None) -> list[dict]:
    out = io.StringIO()
    call_command("period", *args, stdout=out, stdin=stdin)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_it_prints_one_reading_of_the_text_argument():
    [reading] = run("2-3 квартал")
    assert INTERFACE_KEYS <= reading.keys()
    assert reading["text"] == "2-3 квартал"
    assert reading["months"] == [4, 5, 6, 7, 8, 9]
    assert reading["frequency"] is None
    assert reading["needs_review"] is False


def test_it_joins_several_words_with_spaces_into_one_text():
    [reading] = run("январь-декабрь", "(не", "реже", "1", "раза", "в", "квартал)")
    assert reading["text"] == "январь-декабрь (не реже 1 раза в квартал)"
    assert reading["frequency"] == {"per": "quarter", "min": 1}


def test_it_keeps_a_literal_backslash_n_as_given():
    [reading] = run("июнь\\nдекабрь")
    assert reading["text"] == "июнь\\nдекабрь"


def test_it_reads_one_text_per_line_from_standard_input():
    readings = run(stdin=io.StringIO("июнь декабрь\nпо запросу\r\nабракадабра\n"))
    assert [r["text"] for r in readings] == ["июнь декабрь", "по запросу", "абракадабра"]
    assert readings[0]["months"] == [6, 12]
    assert readings[1]["condition"] == "on_request"
    assert readings[2]["needs_review"] is True


def test_it_prints_russian_letters_unescaped(capsys):
    call_command("period", "весь", "период")
    printed = capsys.readouterr().out
    assert '"text": "весь период"' in printed
    assert printed.count("\n") == 1


def test_it_flags_another_year_than_the_plan_year_given():
    [reading] = run("4 квартал 2025 года", "--year", "2026")
    assert reading["needs_review"] is True


def test_the_installed_console_script_reads_a_period():
    script = Path(sys.executable).with_name("muniplan")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "muniplan.cli"]
    done = subprocess.run(
        [*command, "period", "2-3 квартал"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
        timeout=60,
    )
    assert json.loads(done.stdout) == {
        "text": "2-3 квартал",
        "months": [4, 5, 6, 7, 8, 9],
        "frequency": None,
        "condition": None,
        "dates": [],
        "needs_review": False,
        "extra": {},
    }
