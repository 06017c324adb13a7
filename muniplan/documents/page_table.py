"""The plan page's table in a layout: the cells of each row, made once per row in Python.

A 300-activity plan has thousands of cells; template filters, includes and tags run per cell cost
more than everything else on the page (profiled), so the cells — with the search marks, the review
labels and the status badge — are made here, and `documents/layouts/_layout_rows.html` places them
between the row's own markup and its actions. The cells show what the documents print
(`layouts.cell_text`); the Tyumen layout shows more on the page than on paper: the participants and
partners under the description, the status under the period, the funding apart.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from django.utils.safestring import SafeString, mark_safe

from muniplan.execution.templatetags.execution import status_badge
from muniplan.lib.search import match_pattern
from muniplan.plans.models import Activity, Section
from muniplan.plans.selectors import SectionRows
from muniplan.plans.templatetags.highlight import marked
from muniplan.plans.templatetags.plan_urls import pk_url_maker
from muniplan.plans.templatetags.schedule import months_label, review_labels

from .layouts import Layout, cell_text

_REVIEW_BADGE = ' <span class="badge review">проверить</span>'


@dataclass(frozen=True, slots=True)
class ActivityRow:
    activity: Activity
    css: str  # the row's classes: activity, child, needs-review
    cells: SafeString  # the <td>s of the layout's columns
    edit_url: str
    move_url: str
    delete_url: str


@dataclass(frozen=True, slots=True)
class Band:
    section: Section
    rows: list[ActivityRow]


@dataclass(frozen=True)
class _Page:
    layout: Layout
    pattern: re.Pattern | None  # the search, to mark
    url: dict[str, Callable[[int], str]]  # by URL name: pk → URL


def page_table(rows: list[SectionRows], layout: Layout, query: str = "") -> list[Band]:
    """The sections of `plan_rows` with their activities' rows in `layout`; `query` is marked."""
    names = ("detail", "edit", "move", "delete")
    page = _Page(
        layout, match_pattern(query), {n: pk_url_maker(f"plans-activity-{n}") for n in names}
    )
    return [Band(row.section, [_row(a, page) for a in row.activities]) for row in rows]


def _row(a: Activity, page: _Page) -> ActivityRow:
    unsure = a.period_needs_review or a.needs_review
    cells = _tyumen_cells(a, page) if page.layout.key == "tyumen" else _layout_cells(a, page)
    return ActivityRow(
        activity=a,
        css="activity" + (" child" if a.parent_id else "") + (" needs-review" if unsure else ""),
        cells=mark_safe(cells),
        edit_url=page.url["edit"](a.pk),
        move_url=page.url["move"](a.pk),
        delete_url=page.url["delete"](a.pk),
    )


# The cells are plain f-strings over escaped values: format_html costs several times more, and a
# page makes thousands of them.


def _title(a: Activity, page: _Page, *, status: bool) -> str:
    """The link to the activity, its place, what to check, and (unless shown elsewhere) its status."""
    url = escape(page.url["detail"](a.pk))
    html = f'<td><a href="{url}" class="cell-text">{marked(a.title, page.pattern)}</a>'
    if a.location:
        html += f'<div class="small muted">{escape(a.location)}</div>'
    if a.period_needs_review or a.needs_review:
        html += f'<div class="small review-note">Проверить: {escape(review_labels(a))}</div>'
    if status:
        html += f'<div class="status-line">{status_badge(a.status)}</div>'
    return html + "</td>"


def _layout_cells(a: Activity, page: _Page) -> str:
    cells = []
    for name in page.layout.fields:
        if name == "title":
            cells.append(_title(a, page, status=True))
        elif name == "number":
            cells.append(f'<td class="num">{escape(a.number)}</td>')
        elif name.startswith("month:"):
            cells.append(f'<td class="mark">{escape(cell_text(a, name))}</td>')
        else:
            review = _REVIEW_BADGE if name == "period" and a.period_needs_review else ""
            text = marked(cell_text(a, name), page.pattern)
            cells.append(f'<td class="cell-text">{text}{review}</td>')
    return "".join(cells)


def _tyumen_cells(a: Activity, page: _Page) -> str:
    return (
        f'<td class="num">{escape(a.number)}</td>{_title(a, page, status=False)}'
        f'<td class="cell-text">{_description(a, page.pattern)}</td>'
        f'<td class="cell-text">{_period(a, page.pattern)}</td>'
        f'<td class="cell-text">{_responsible(a, page.pattern)}</td>'
    )


def _description(a: Activity, pattern: re.Pattern | None) -> str:
    html = marked(a.description, pattern)
    participants = a.participations.all()
    if participants:
        names = escape("; ".join(str(p) for p in participants))
        html += f'\n<span class="small muted">Участники: {names}</span>'
    if a.partners:
        html += f'\n<span class="small muted">Партнёры: {escape("; ".join(a.partners))}</span>'
    return html


def _period(a: Activity, pattern: re.Pattern | None) -> str:
    html = marked(a.period_text, pattern) if a.period_text else escape(months_label(a.months))
    if a.period_needs_review:
        html += _REVIEW_BADGE
    return f'{html}\n<span class="status-line">{status_badge(a.status)}</span>'


def _responsible(a: Activity, pattern: re.Pattern | None) -> str:
    lines = [u.name for u in a.responsible_units.all()] + [a.responsible_text]
    html = "".join(f"{marked(line, pattern)}\n" for line in lines if line)
    if a.funding_text:
        html += f'<span class="small">{marked(a.funding_text, pattern)}</span>'
    return html
