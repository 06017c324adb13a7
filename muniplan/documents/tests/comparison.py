"""Two readings of a plan, compared field by field (what the round-trip tests assert)."""

from __future__ import annotations

PLAN_FIELDS = ("title", "organization", "year", "notes")
ACTIVITY_FIELDS = (
    "number",
    "title",
    "description",
    "responsible",
    "funding",
    "participants",
    "partners",
    "location",
)
PERIOD_FIELDS = ("text", "months", "frequency", "condition", "dates")


def differences(expected: dict, actual: dict) -> list[str]:
    """Every field that differs, named by its place: «раздел 2 / 11 / period.months: … ≠ …»."""
    out = [
        f"{name}: {expected.get(name)!r} ≠ {actual.get(name)!r}"
        for name in PLAN_FIELDS
        if (expected.get(name) or "") != (actual.get(name) or "")
    ]
    sections = zip(_sections(expected), _sections(actual), strict=False)
    if len(_sections(expected)) != len(_sections(actual)):
        out.append(f"sections: {len(_sections(expected))} ≠ {len(_sections(actual))}")
    for index, (mine, theirs) in enumerate(sections, 1):
        if mine["title"] != theirs["title"]:
            out.append(f"раздел {index}: {mine['title']!r} ≠ {theirs['title']!r}")
        out += _activities(f"раздел {index}", mine["activities"], theirs["activities"])
    return out


def _sections(plan: dict) -> list[dict]:
    return [s for s in plan["sections"] if s["activities"] or s["title"]]


def _activities(where: str, expected: list[dict], actual: list[dict]) -> list[str]:
    out = (
        []
        if len(expected) == len(actual)
        else [f"{where}: {len(expected)} ≠ {len(actual)} мероприятий"]
    )
    for mine, theirs in zip(expected, actual, strict=False):
        place = f"{where} / {mine['number']}"
        out += [
            f"{place} / {name}: {mine[name]!r} ≠ {theirs[name]!r}"
            for name in ACTIVITY_FIELDS
            if mine[name] != theirs[name]
        ]
        out += [
            f"{place} / period.{name}: {mine['period'][name]!r} ≠ {theirs['period'][name]!r}"
            for name in PERIOD_FIELDS
            if mine["period"][name] != theirs["period"][name]
        ]
        out += _activities(place, mine["children"], theirs["children"])
    return out
