"""Downloads of the execution documents: every member of the organization may read them."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header

from muniplan.control.access import get_resolution_for_user
from muniplan.control.selectors import follow_up
from muniplan.control.services import is_own_addressee
from muniplan.documents.export import file_stem
from muniplan.plans.access import get_plan_for_user

from . import pdf, word
from .periods import CHOICES, report_period
from .selectors import follow_up_report, plan_report

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def _download(data: bytes, fmt: str, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = content_disposition_header(True, f"{name}.{fmt}")
    return response


def _check_format(fmt: str) -> None:
    if fmt not in CONTENT_TYPES:
        raise Http404("Нет такого формата документа.")


@login_required
def plan_report_document(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    _check_format(fmt)
    plan = get_plan_for_user(request.user, pk)
    slug = request.GET.get("period", "year")
    if slug not in dict(CHOICES):
        raise Http404("Нет такого отчётного периода.")
    report = plan_report_for(plan, slug)
    data = word.plan_report_docx(report) if fmt == "docx" else pdf.plan_report_pdf(report)
    organization = plan.organization.short_name or plan.organization.name
    return _download(
        data, fmt, file_stem("Отчёт_о_выполнении_плана", organization, report.period.label)
    )


def plan_report_for(plan, slug: str):
    return plan_report(plan, period=report_period(plan.year, slug), today=timezone.localdate())


@login_required
def follow_up_document(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    _check_format(fmt)
    resolution = get_resolution_for_user(request.user, pk)
    groups = follow_up(resolution, lambda a: is_own_addressee(a, resolution.organization))
    report = follow_up_report(resolution, groups, today=timezone.localdate())
    render = word.follow_up_docx if fmt == "docx" else pdf.follow_up_pdf
    date = f"{resolution.date:%d.%m.%Y}" if resolution.date else ""
    return _download(
        render(report),
        fmt,
        file_stem("Информация_о_ходе_выполнения_рекомендаций", date),
    )
