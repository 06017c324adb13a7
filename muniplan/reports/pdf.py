"""Execution documents as PDF: the same content through an HTML page that WeasyPrint prints."""

from __future__ import annotations

from django.template.loader import render_to_string

from muniplan.documents.renderers.weasy import html_to_pdf

from .selectors import PlanReport


def _pdf(template: str, context: dict) -> bytes:
    return html_to_pdf(render_to_string(template, context))


def plan_report_pdf(report: PlanReport) -> bytes:
    return _pdf("reports/plan_report.html", {"report": report})


def follow_up_pdf(*, resolution, groups) -> bytes:
    return _pdf("reports/follow_up.html", {"resolution": resolution, "groups": groups})
