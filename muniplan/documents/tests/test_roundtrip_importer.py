"""Each seed plan exported in its council's layout and read back by `muniplan import --dry-run
--json` is the plan the seed document itself reads as, field by field."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from muniplan.documents.export import export_plan

from .comparison import differences
from .conftest import SEED_PLANS, SEEDS, load_seed


def _dry_run(path) -> dict:
    out = io.StringIO()
    call_command("import", str(path), dry_run=True, json=True, stdout=out)
    return json.loads(out.getvalue())


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["docx", "pdf", "xlsx"])
@pytest.mark.parametrize("seed", list(SEED_PLANS))
def test_an_export_reads_back_as_the_seed_document_reads(seed, fmt, tmp_path):
    plan = load_seed(seed)
    exported = export_plan(plan, fmt)
    path = tmp_path / exported.filename
    path.write_bytes(exported.data)

    expected, actual = _dry_run(SEEDS / seed), _dry_run(path)

    assert differences(expected, actual) == []
    assert sum(len(s["activities"]) for s in actual["sections"]) > 5


def test_the_comparison_names_a_field_that_differs():
    activity = {
        "number": "1",
        "title": "А",
        "description": "",
        "responsible": [],
        "funding": None,
        "participants": [],
        "partners": [],
        "location": None,
        "children": [],
        "period": {"text": "май", "months": [5], "frequency": None, "condition": None, "dates": []},
    }
    plan = {
        "title": "П",
        "organization": "О",
        "year": 2026,
        "notes": "",
        "sections": [{"title": "Р", "activities": [activity]}],
    }
    moved = json.loads(json.dumps(plan))
    moved["sections"][0]["activities"][0]["period"]["months"] = [6]

    assert differences(plan, moved) == ["раздел 1 / 1 / period.months: [5] ≠ [6]"]
