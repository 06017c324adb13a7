"""Planned participants as a person types them: one group a line. Plain Python.

A document's participants cell is read by `muniplan.readers.plan.cells.parse_participants`, which
guesses where categories end and partners begin; what a person types into a form needs no
guessing, so each line is one group.
"""

from __future__ import annotations

import re

# A count has at most nine digits (what the database holds); a longer number is no headcount and the
# line stays as typed.
# «человек», «человека», «чел.», «участников», «участника»: the word for a head after the count
_HEADS = r"(?:человека?|чел\.?|участник(?:а|ов)?)"
_PARTICIPANTS_LINE = re.compile(
    rf"^(?P<category>.*?)[\s,:—–-]*(?<!\d)(?P<count>\d{{1,9}})\s*{_HEADS}?\s*$"
)

# «12 глав поселений», «30 человек»: the count first, as a report of what was done is often written;
# a space must follow it («5-6 классы» is no count) and the category must not begin with a digit.
_COUNT_FIRST = re.compile(rf"^(?P<count>\d{{1,9}})\s+(?:{_HEADS}(?:\s+|$))?(?P<category>\D.*)?$")


def participants_from_lines(text: str) -> list[tuple[int | None, str]]:
    """One line a group: «члены РО ВСМС 62 человек» → (62, «члены РО ВСМС»), «12 глав поселений»
    → (12, «глав поселений»), «30 человек» → (30, «»); no number → count unknown."""
    result = []
    for line in filter(None, (raw.strip() for raw in text.splitlines())):
        match = _PARTICIPANTS_LINE.match(line)
        if match and match["category"]:
            result.append((int(match["count"]), match["category"].strip()))
        elif first := _COUNT_FIRST.match(line):
            result.append((int(first["count"]), (first["category"] or "").strip()))
        else:
            result.append((None, line))
    return result
