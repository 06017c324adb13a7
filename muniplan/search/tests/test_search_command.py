"""`muniplan search QUERY [--org ID] --json` over the seed plans and a few reports."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command

from muniplan.documents.tests.conftest import load_seed
from muniplan.execution.services import ReportInput, report_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def tyumen_plan(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.MUNIPLAN_SITE_URL = "https://plan.smo72.ru"
    return load_seed("tyumen_2026__tab_text.txt")


def _search(*args) -> list[dict]:
    out = io.StringIO()
    call_command("search", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


def _report(activity, text: str, day=dt.date(2026, 3, 12)):
    return report_create(
        activity=activity,
        by=None,
        data=ReportInput(done_on=day, done_until=None, text=text, municipalities="", links=[]),
    )


def test_hits_carry_the_documented_keys_and_open_in_the_product(tyumen_plan):
    hits = _search("форум")
    assert hits and all(set(h) == {"kind", "id", "title", "url", "snippet"} for h in hits)
    first = hits[0]
    assert first["kind"] == "activity"
    assert first["url"] == f"https://plan.smo72.ru/activities/{first['id']}/"
    assert "форум" in first["title"].lower()


def test_russian_word_forms_match_and_reports_are_found(tyumen_plan):
    activity = tyumen_plan.activities.order_by("id").first()
    report = _report(activity, "Проведены два обучающих семинара для глав сельских поселений.")
    by_plural = _search("семинары для глав")
    assert {"kind": "report", "id": report.pk} in [
        {"kind": h["kind"], "id": h["id"]} for h in by_plural
    ]
    hit = next(h for h in by_plural if h["kind"] == "report")
    assert hit["title"].startswith("Отчёт от 12.03.2026: ")
    assert "семинара для глав" in hit["snippet"]
    assert hit["url"].endswith(f"/execution/reports/{report.pk}/")


def test_the_title_counts_more_than_the_text(tyumen_plan):
    numbers = [h["title"].split()[0] for h in _search("конкурсы")]
    # «конкурс» stands in the titles of 7 and 16, only in the descriptions of 4 and 6
    assert sorted(numbers[:2]) == ["16", "7"] and sorted(numbers[2:]) == ["4", "6"]


def test_org_limits_the_search_and_an_unknown_org_is_refused(tyumen_plan, capsys):
    assert _search("форум", "--org", str(tyumen_plan.organization_id))
    other = load_seed("tula_2024__month_grid_text.txt")
    assert all(
        h["kind"] != "activity" or h["id"] in set(other.activities.values_list("pk", flat=True))
        for h in _search("форум", "--org", str(other.organization_id))
    )
    with pytest.raises(SystemExit) as stopped:
        call_command("search", "форум", "--org", "999999", "--json")
    assert stopped.value.code == 1
    assert "Организация № 999999 не найдена." in capsys.readouterr().err


def test_a_query_of_no_words_finds_nothing(tyumen_plan):
    assert _search("  ,  ") == []
