"""One search over what a council keeps: activities, execution reports and the recommendations of
its resolutions today; registries
(practices, TOS, municipalities, contests) add a kind each by giving `search` another source.

A record matches when its folded text holds every stem of the query (`muniplan.lib.search`), so
«семинары» finds «семинаров» on SQLite and PostgreSQL alike. Hits are ranked by where the stems
stand — one in the title outweighs three in the text — and by the whole query standing together.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q, QuerySet
from django.urls import reverse

from muniplan.accounts.models import Organization
from muniplan.execution.models import ExecutionReport
from muniplan.lib.search import fold, holds_stems, match_pattern, query_stems
from muniplan.plans.models import Activity
from muniplan.resolutions.models import Recommendation

CANDIDATES = 500  # per kind, ranked in Python; the best of them are returned
SNIPPET = 80  # characters either side of the first match


KIND_NAMES = {
    "activity": "Мероприятие",
    "report": "Отчёт об исполнении",
    "recommendation": "Рекомендация",
}


@dataclass(frozen=True)
class Hit:
    kind: str
    id: int
    title: str
    path: str
    snippet: str
    score: int

    @property
    def kind_name(self) -> str:
        return KIND_NAMES[self.kind]

    def as_json(self) -> dict:
        return {
            "kind": self.kind,
            "id": self.id,
            "title": self.title,
            "url": settings.MUNIPLAN_SITE_URL.rstrip("/") + self.path,
            "snippet": self.snippet,
        }


def search(
    query: str, *, organization_id: int | None = None, organizations=None, limit: int = 50
) -> list[Hit]:
    """The best `limit` hits for `query`, best first; nothing for a query of no words. The pages
    pass the organizations the person may see; the command may name one."""
    stems = query_stems(query)
    if not stems:
        return []
    scope = Organization.objects.all() if organizations is None else organizations
    if organization_id:
        scope = scope.filter(pk=organization_id)
    hits = [
        hit
        for source in (_activity_hits, _report_hits, _recommendation_hits)
        for hit in source(holds_stems(stems), scope.values("pk"), query, stems)
    ]
    hits.sort(key=lambda hit: -hit.score)  # stable: equal scores keep activities first
    return hits[:limit]


def _activity_hits(match: Q, organizations, query: str, stems: list[str]) -> Iterable[Hit]:
    activities = Activity.objects.filter(match, plan__organization__in=organizations)
    activities = activities.select_related("plan")
    for a in _newest(activities, "-plan__year", "id"):
        title = f"{a.number} {a.title}".strip()
        body = "\n".join(filter(None, [a.title, a.description, a.period_text, a.location]))
        yield _hit(
            "activity",
            a.pk,
            title,
            reverse("plans-activity-detail", args=[a.pk]),
            body,
            a.search_text,
            query,
            stems,
            a.title,
        )


def _report_hits(match: Q, organizations, query: str, stems: list[str]) -> Iterable[Hit]:
    reports = ExecutionReport.objects.filter(match, organization__in=organizations)
    reports = reports.select_related("activity")
    for r in _newest(reports, "-done_on", "-id"):
        title = f"Отчёт от {r.done_on:%d.%m.%Y}: {r.activity.title}"
        url = reverse("execution-report-detail", args=[r.pk])
        body = "\n".join(filter(None, [r.text, r.municipalities]))
        yield _hit("report", r.pk, title, url, body, r.search_text, query, stems, r.text[:200])


def _recommendation_hits(match: Q, organizations, query: str, stems: list[str]) -> Iterable[Hit]:
    recommendations = Recommendation.objects.filter(
        match, addressee__resolution__organization__in=organizations
    ).select_related("addressee__resolution")
    for r in _newest(recommendations, "-addressee__resolution__date", "-id"):
        resolution = r.addressee.resolution
        title = f"Рекомендация {r.number}: {r.addressee.name}".replace(" :", ":")
        # the follow-up page shows each recommendation in its row, with what was done on it
        url = reverse("control-follow-up", args=[resolution.pk]) + f"#r{r.pk}"
        body = f"{r.text}\n{resolution.title}"
        yield _hit("recommendation", r.pk, title, url, body, r.search_text, query, stems, r.text)


def _newest(rows: QuerySet, *order: str) -> list:
    return list(rows.order_by(*order)[:CANDIDATES])


def _hit(kind, pk, title, path, body, folded, query, stems, headline) -> Hit:
    headline = fold(headline)
    score = sum(4 * (stem in headline) + min(folded.count(stem), 3) for stem in stems)
    if len(stems) > 1 and fold(query) in folded:
        score += 3  # the words as typed, together
    return Hit(kind, pk, title, path, _snippet(body, query), score)


def _snippet(text: str, query: str) -> str:
    """The text around the first match, on one line, cut at words with «…»."""
    text = " ".join(text.split())
    pattern = match_pattern(query)
    found = pattern.search(text) if pattern else None
    if found is None:
        return _cut(text, 0, 2 * SNIPPET)
    return _cut(text, max(0, found.start() - SNIPPET), found.end() + SNIPPET)


def _cut(text: str, start: int, end: int) -> str:
    if start > 0:
        start = text.find(" ", start) + 1 or start
    if end < len(text):
        end = text.rfind(" ", start, end) if text.rfind(" ", start, end) > start else end
    return ("…" if start > 0 else "") + text[start:end].strip() + ("…" if end < len(text) else "")
