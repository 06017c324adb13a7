"""Quota progress: how many items the reports delivered against what the activity's text promises.

Expected so far = the quota's minimum × the periods of its kind (weeks counted from 1 January,
months, quarters, half-years) within the activity's months that have ended before the day asked.
Delivered = the items of that kind in the activity's reports done by that day; for «мероприятие»
(«не реже 1 раза в квартал» counts the activity itself) every report is one.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from django.db.models import Count, Sum

from muniplan.plans.models import Activity
from muniplan.quotas import Quota, plural, read_quotas
from muniplan.quotas.lexicon import ACTIVITY_ITEM

from .models import ExecutionReport, QuotaDelivery
from .status import expected_windows


@dataclass(frozen=True)
class QuotaProgress:
    quota: Quota
    expected: int
    delivered: int
    as_of: date

    @property
    def behind(self) -> int:
        return max(0, self.expected - self.delivered)

    @property
    def line(self) -> str:
        """«новости: 37 из 47 к 26.11, отставание 10»."""
        text = (
            f"{plural(self.quota.item)}: {self.delivered} из {self.expected} к {self.as_of:%d.%m}"
        )
        return f"{text}, отставание {self.behind}" if self.behind else text


def activity_quotas(activity: Activity) -> tuple[Quota, ...]:
    return _quotas("\n".join((activity.title, activity.description, activity.period_text)))


@lru_cache(maxsize=8192)
def _quotas(text: str) -> tuple[Quota, ...]:
    return read_quotas(text).quotas


def expected_by(activity: Activity, quota: Quota, year: int, as_of: date) -> int:
    windows = expected_windows(activity.months_mask, quota.per, quota.min, (), year)
    return sum(w.needed for w in windows if w.end < as_of)


def quota_progress(
    activities, *, as_of: date, until: date | None = None
) -> dict[int, list[QuotaProgress]]:
    """Progress per quota of each activity that has quotas, by activity id; two queries at most.
    What was delivered counts up to `as_of`, or to `until` (a past period's last day)."""
    with_quotas = {a.pk: (a, quotas) for a in activities if (quotas := activity_quotas(a))}
    if not with_quotas:
        return {}
    delivered, reports = _delivered(with_quotas.keys(), until or as_of)
    return {
        pk: [
            QuotaProgress(
                q,
                expected_by(a, q, a.plan.year, as_of),
                reports.get(pk, 0) if q.item == ACTIVITY_ITEM else delivered.get((pk, q.item), 0),
                as_of,
            )
            for q in quotas
        ]
        for pk, (a, quotas) in with_quotas.items()
    }


def _delivered(ids, as_of: date) -> tuple[dict[tuple[int, str], int], dict[int, int]]:
    rows = (
        QuotaDelivery.objects.filter(report__activity_id__in=ids, report__done_on__lte=as_of)
        .values_list("report__activity_id", "item")
        .annotate(total=Sum("count"))
    )
    delivered: dict[tuple[int, str], int] = defaultdict(int)
    for activity_id, item, total in rows:
        delivered[(activity_id, item)] += total
    reports = dict(
        ExecutionReport.objects.filter(activity_id__in=ids, done_on__lte=as_of)
        .values_list("activity_id")
        .annotate(n=Count("id"))
        .values_list("activity_id", "n")
    )
    return delivered, reports
