"""Execution documents as PDF: the same content through an HTML page that WeasyPrint prints.

An annual report lists every report of the year, thousands of lines on a busy plan: it is made
in two parts at once (`documents/renderers/weasy.py`), cut between two sections of the plan
(the second part starts on a new page). Its pages are numbered «N из M» by a sheet of page
numbers laid over each part by the child that made it, as soon as both parts are laid out and
the total is known."""

from __future__ import annotations

import os

from django.template.loader import render_to_string

from muniplan.documents.renderers.weasy import helpers, html_to_pdf, join, render_parts

from .chart_layout import print_chart
from .selectors import FollowUpReport, PlanReport, SectionBlock

# Below this many lines of reports a second process (half a second to start) saves too little.
PARALLEL_FROM_LINES = 1500


def plan_report_pdf(report: PlanReport) -> bytes:
    head, tail = _halves(report.sections)
    if not tail or len(os.sched_getaffinity(0)) < 2:
        return html_to_pdf(_report_html(report, report.sections))
    with helpers(2) as children:
        parts = render_parts(
            [_report_html(report, head, part="head"), _report_html(report, tail, part="tail")],
            children,
            numbers=_page_numbers,
        )
    return join([pdf for pdf, _ in parts])


def _page_numbers(counts: list[int]) -> list[str]:
    """For parts of these page counts, the HTML of each part's sheet of page numbers «N из M»."""
    firsts = [1 + sum(counts[:index]) for index in range(len(counts))]
    return [
        render_to_string(
            "reports/page_numbers.html",
            {"first": first, "pages": range(count), "total": sum(counts)},
        )
        for first, count in zip(firsts, counts, strict=True)
    ]


def _report_html(report: PlanReport, sections: list[SectionBlock], part: str = "") -> str:
    charts = [(chart, print_chart(chart)) for chart in report.charts if chart.rows]
    return render_to_string(
        "reports/plan_report.html",
        {"report": report, "sections": sections, "part": part, "charts": charts},
    )


def _halves(sections: list[SectionBlock]) -> tuple[list[SectionBlock], list[SectionBlock]]:
    """The sections cut where the lines before come nearest half of all (no cut for a short
    report)."""
    weights = [
        sum(1 + len(line.reports) + len(line.progress) for line in s.lines) for s in sections
    ]
    total = sum(weights)
    if total < PARALLEL_FROM_LINES or len(sections) < 2:
        return sections, []
    before, best, cut = 0, total, 0
    for index, weight in enumerate(weights[:-1], 1):
        before += weight
        if abs(total / 2 - before) < best:
            best, cut = abs(total / 2 - before), index
    return sections[:cut], sections[cut:]


def follow_up_pdf(report: FollowUpReport) -> bytes:
    return html_to_pdf(_follow_up_html(report))


def _follow_up_html(report: FollowUpReport) -> str:
    return render_to_string("reports/follow_up.html", {"report": report})
