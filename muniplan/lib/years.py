"""Years inside plan texts, moved on when a plan is copied to the next year. Plain Python."""

from __future__ import annotations

import re

# A year that is part of a full date («от 27.09.2017») names a past act and must not move.
_YEAR = re.compile(r"(?<![\d.])(\d{4})(?!\d)")


def shift_years(text: str, plan_year: int, by: int = 1) -> str:
    """Move the years around the plan year (the previous, the plan's and the next) by `by`.

    «в 2020 году … на 2021 год» in a 2021 plan becomes «в 2021 году … на 2022 год»;
    years further away (a law of 2003) and years inside dates stay as written.
    """

    def move(match: re.Match) -> str:
        year = int(match.group(1))
        return str(year + by) if plan_year - 1 <= year <= plan_year + 1 else match.group(0)

    return _YEAR.sub(move, text or "")
