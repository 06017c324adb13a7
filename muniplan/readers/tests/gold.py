"""Comparison of a reader's JSON with a hand-written gold reading, field by field.

Shared by the reader tests (which want every mismatch named by activity number and field) and
by bench/import_accuracy.py (which wants the share of matching fields). `needs_review` and
warnings are the reader's doubts, not facts of the document, so they are not compared.
"""

from __future__ import annotations

import json
from pathlib import Path

GOLD_DIR = Path(__file__).resolve().parents[2] / "seeds" / "gold"
SEEDS_DIR = GOLD_DIR.parent
PLAN_FIELDS = ("title", "organization", "year")
ACTIVITY_FIELDS = (
    "title",
    "description",
    "responsible",
    "funding",
    "participants",
    "partners",
    "location",
)
PERIOD_FIELDS = ("text", "months", "frequency", "condition", "dates")
RESOLUTION_FIELDS = (
    "title",
    "event",
    "date",
    "place",
    "participants",
    "participants_count",
    "preamble",
    "closing",
)


def load_gold(name: str) -> dict:
    return json.loads((GOLD_DIR / f"{name}.json").read_text(encoding="utf-8"))


def field_results(got: dict, gold: dict) -> list[tuple[str, str, object, object]]:
    """(where, field, expected, got) for every compared field, matching or not."""
    if gold.get("kind") == "resolution":
        return _resolution(got, gold)
    results = [("план", f, gold[f], got.get(f)) for f in PLAN_FIELDS]
    got_sections = got.get("sections", [])
    for i, section in enumerate(gold["sections"]):
        other = got_sections[i] if i < len(got_sections) else {"title": None, "activities": []}
        results.append((f"раздел {i + 1}", "title", section["title"], other["title"]))
        results += _activities(section["activities"], other["activities"])
    results.append(("план", "число разделов", len(gold["sections"]), len(got_sections)))
    return results


def _activities(gold: list[dict], got: list[dict]) -> list[tuple[str, str, object, object]]:
    by_number = {a["number"]: a for a in got}
    results = [
        ("раздел", "номера мероприятий", [a["number"] for a in gold], [a["number"] for a in got])
    ]
    for expected in gold:
        actual = by_number.get(expected["number"], {})
        where = f"мероприятие {expected['number']}"
        results += [(where, f, expected[f], actual.get(f)) for f in ACTIVITY_FIELDS]
        period = actual.get("period") or {}
        results += [
            (where, f"period.{f}", expected["period"][f], period.get(f)) for f in PERIOD_FIELDS
        ]
        results += _activities(expected["children"], actual.get("children", []))
    return results


def _resolution(got: dict, gold: dict) -> list[tuple[str, str, object, object]]:
    results = [("резолюция", f, gold[f], got.get(f)) for f in RESOLUTION_FIELDS]
    got_addressees = got.get("addressees", [])
    results.append(("резолюция", "число адресатов", len(gold["addressees"]), len(got_addressees)))
    for i, addressee in enumerate(gold["addressees"]):
        other = (
            got_addressees[i] if i < len(got_addressees) else {"name": None, "recommendations": []}
        )
        where = f"адресат {i + 1}"
        results.append((where, "name", addressee["name"], other["name"]))
        items = {r["number"]: r["text"] for r in other["recommendations"]}
        results.append(
            (
                where,
                "номера рекомендаций",
                [r["number"] for r in addressee["recommendations"]],
                list(items),
            )
        )
        results += [
            (f"{where}, рекомендация {r['number']}", "text", r["text"], items.get(r["number"]))
            for r in addressee["recommendations"]
        ]
    return results


def mismatches(got: dict, gold: dict) -> list[str]:
    return [
        f"{where}, поле {field}: ожидалось {expected!r}, прочитано {actual!r}"
        for where, field, expected, actual in field_results(got, gold)
        if expected != actual
    ]


def accuracy(got: dict, gold: dict) -> tuple[int, int]:
    """(matching fields, compared fields)."""
    results = field_results(got, gold)
    return sum(expected == actual for _, _, expected, actual in results), len(results)
