"""The structured reading of a period text: what the plan says about *when*."""

from __future__ import annotations

from dataclasses import dataclass, field

FREQUENCY_UNITS = ("week", "month", "two_months", "quarter", "half_year", "year")


@dataclass(frozen=True)
class Frequency:
    per: str  # one of FREQUENCY_UNITS
    min: int

    def to_json(self) -> dict:
        return {"per": self.per, "min": self.min}


@dataclass(frozen=True)
class Schedule:
    text: str
    months: tuple[int, ...] = ()
    frequency: Frequency | None = None
    condition: str | None = None  # "as_needed", "on_request", "separate_plan", ...
    dates: tuple[str, ...] = ()  # "2026-04-21" or "--04-21" when no year is given
    needs_review: bool = False
    extra: dict = field(default_factory=dict, compare=False)

    def to_json(self) -> dict:
        return {
            "text": self.text,
            "months": list(self.months),
            "frequency": self.frequency.to_json() if self.frequency else None,
            "condition": self.condition,
            "dates": list(self.dates),
            "needs_review": self.needs_review,
        }

    @property
    def months_mask(self) -> int:
        return months_to_mask(self.months)


def months_to_mask(months) -> int:
    mask = 0
    for m in months:
        mask |= 1 << (m - 1)
    return mask


def mask_to_months(mask: int) -> list[int]:
    return [m for m in range(1, 13) if mask & (1 << (m - 1))]


def month_runs(months) -> list[list[int]]:
    """Sorted months in runs of consecutive ones: [1, 2, 3, 4, 9, 10] → [[1, 2, 3, 4], [9, 10]]."""
    runs: list[list[int]] = []
    for m in months:
        if runs and runs[-1][-1] == m - 1:
            runs[-1].append(m)
        else:
            runs.append([m])
    return runs
