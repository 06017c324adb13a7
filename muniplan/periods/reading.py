"""What the rules have read so far from one period text, and the Schedule it adds up to.

Every doubt a rule meets is kept as a short code in ``doubts``; any doubt means
``needs_review``. The codes, also listed in ``Schedule.extra["doubts"]``:

- ``unread`` — words left over that no rule understood (``extra["unread"]`` has them);
- ``nothing_read`` — a non-blank text that gave no months, dates, frequency or condition;
- ``wraps_year_end`` — a range such as «ноябрь-февраль»;
- ``invalid_date`` — «31 февраля», «32.01.2026»;
- ``deadline_month`` — «до марта»: whether March itself is included is not said;
- ``max_frequency`` — «не чаще 2 раз в год»: an upper bound, which Frequency cannot hold
  (``extra["max_frequency"]`` has it);
- ``zero_frequency`` — «0 раз в месяц»;
- ``several_frequencies`` / ``several_conditions`` — they disagree; the first one is kept;
- ``several_years`` / ``other_year`` — the text names more than one year, or not the plan year.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from .schedule import Frequency, Schedule

ALL_YEAR = tuple(range(1, 13))

# A frequency shorter than a year happens in every month of the plan year, so on its own it
# means the whole year; «1 раз в год» does not say which month, so it leaves months empty.
_SUB_YEAR_UNITS = {"week", "month", "two_months", "quarter", "half_year"}


@dataclass
class Reading:
    months: set[int] = field(default_factory=set)
    frequencies: list[Frequency] = field(default_factory=list)
    conditions: list[str] = field(default_factory=list)
    dates: list[tuple[int, str]] = field(default_factory=list)  # (position in text, ISO)
    years: set[int] = field(default_factory=set)
    doubts: list[str] = field(default_factory=list)
    extra: dict = field(default_factory=dict)

    def doubt(self, code: str) -> None:
        if code not in self.doubts:
            self.doubts.append(code)

    def add_month_range(self, first: int, last: int) -> None:
        if last < first:
            self.doubt("wraps_year_end")
            self.months.update(range(first, 13))
            self.months.update(range(1, last + 1))
        else:
            self.months.update(range(first, last + 1))

    def add_date(self, position: int, day: int, month: int, year: int | None) -> bool:
        """Adds the date if it exists in the calendar; a missing year is checked on a leap
        year so «29 февраля» passes."""
        try:
            date = datetime.date(year or 2000, month, day)
        except ValueError:
            self.doubt("invalid_date")
            return False
        self.dates.append((position, date.isoformat() if year else f"--{month:02d}-{day:02d}"))
        return True

    def add_frequency(self, frequency: Frequency) -> None:
        if self.frequencies and frequency not in self.frequencies:
            self.doubt("several_frequencies")
        self.frequencies.append(frequency)

    def add_condition(self, code: str, phrase: str) -> None:
        if self.conditions and code not in self.conditions:
            self.doubt("several_conditions")
        self.conditions.append(code)
        self.extra.setdefault("condition_text", phrase)

    def check_years(self, plan_year: int | None) -> None:
        if len(self.years) > 1:
            self.doubt("several_years")
        if plan_year is not None and self.years - {plan_year}:
            self.doubt("other_year")
        if len(self.years) == 1:
            self.extra["year"] = next(iter(self.years))

    def is_empty(self) -> bool:
        return not (self.months or self.frequencies or self.conditions or self.dates)

    def schedule(self, text: str) -> Schedule:
        frequency = self.frequencies[0] if self.frequencies else None
        months = self.months
        if not months and frequency and frequency.per in _SUB_YEAR_UNITS:
            months = set(ALL_YEAR)
        if self.doubts:
            self.extra["doubts"] = list(self.doubts)
        return Schedule(
            text=text,
            months=tuple(sorted(months)),
            frequency=frequency,
            condition=self.conditions[0] if self.conditions else None,
            dates=tuple(dict.fromkeys(iso for _, iso in sorted(self.dates))),
            needs_review=bool(self.doubts),
            extra=self.extra,
        )
