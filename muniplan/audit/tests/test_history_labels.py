"""Every action the code records is named in Russian on the history pages."""

from __future__ import annotations

import re
from pathlib import Path

from muniplan.audit.templatetags.history import ACTIONS, field_label

CODE = Path(__file__).resolve().parents[2]


def _recorded_actions() -> set[str]:
    found = set()
    for path in CODE.rglob("*.py"):
        if "tests" in path.parts:
            continue
        found |= set(re.findall(r'action="((?:\w+\.){2}\w+)"', path.read_text(encoding="utf-8")))
    return found


def test_every_recorded_action_has_a_russian_name():
    actions = _recorded_actions()
    assert "transfer.sheet.applied" in actions and len(actions) > 30
    assert sorted(actions - set(ACTIONS)) == []


def test_the_counts_of_an_excel_round_trip_are_named():
    from muniplan.transfer.roundtrip import CHANGE_KINDS

    assert [field_label(kind) for kind in CHANGE_KINDS] == [
        "Переименовано разделов",
        "Изменено мероприятий",
        "Добавлено мероприятий",
        "Удалено мероприятий",
        "Перемещено мероприятий",
    ]


def test_months_read_as_the_plan_writes_them_and_other_values_as_before():
    from muniplan.audit.templatetags.history import field_value

    assert field_value([1, 2, 3, 9], "months") == "январь–март, сентябрь"
    assert field_value([], "months") == "—"
    assert field_value("2026-02-02", "done_on") == "02.02.2026"
    assert field_value([1, 2], "units") == "1; 2"
