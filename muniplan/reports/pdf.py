"""Execution documents as PDF: the same content through an HTML page that WeasyPrint prints."""

from __future__ import annotations

from django.template.loader import render_to_string

from .selectors import PlanReport


def _pdf(template: str, context: dict) -> bytes:
    from weasyprint import HTML  # loads pango: only when a PDF is asked for

    return HTML(string=render_to_string(template, context)).write_pdf()


def plan_report_pdf(report: PlanReport) -> bytes:
    return _pdf("reports/plan_report.html", {"report": report})


def follow_up_pdf(*, resolution, groups) -> bytes:
    return _pdf("reports/follow_up.html", {"resolution": resolution, "groups": groups})
