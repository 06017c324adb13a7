"""The span a report covers: the plan year or one of its quarters."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

QUARTERS = ("I", "II", "III", "IV")
CHOICES = (
    ("year", "за год"),
    ("q1", "за I квартал"),
    ("q2", "за II квартал"),
    ("q3", "за III квартал"),
    ("q4", "за IV квартал"),
)


@dataclass(frozen=True)
class ReportPeriod:
    slug: str
    start: dt.date
    end: dt.date
    label: str  # «2026 год», «I квартал 2026 года»: what follows «за» in the title

    def as_of(self, today: dt.date) -> dt.date:
        """Statuses and quotas are counted once the period is over (its last day included), or today
        while it still runs."""
        return min(self.end + dt.timedelta(days=1), today)

    def stated_on(self, today: dt.date) -> dt.date:
        """The date the report says it is «по состоянию на»."""
        return min(self.end, today)


def report_period(year: int, slug: str) -> ReportPeriod:
    if slug in ("q1", "q2", "q3", "q4"):
        index = int(slug[1]) - 1
        start = dt.date(year, 3 * index + 1, 1)
        following = dt.date(year, 3 * index + 4, 1) if index < 3 else dt.date(year + 1, 1, 1)
        end = following - dt.timedelta(days=1)
        return ReportPeriod(slug, start, end, f"{QUARTERS[index]} квартал {year} года")
    return ReportPeriod("year", dt.date(year, 1, 1), dt.date(year, 12, 31), f"{year} год")
