from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from muniplan.accounts.access import (
    is_federal_admin,
    memberships,
    require_member,
    visible_organizations,
)
from muniplan.accounts.models import Organization
from muniplan.lib.locking import StaleVersion, conflict_rows
from muniplan.plans.access import get_activity_for_user

from . import services
from .access import (
    get_activity_to_report,
    get_attachment_for_user,
    get_report_for_user,
    get_rw_report_for_user,
    report_checker,
    require_reporter,
)
from .forms import OverrideForm, ReportForm, delivery_items
from .models import ReportParticipation
from .progress import activity_quotas
from .selectors import federal_dashboard, nearest_plan_year, organization_dashboard, plan_years
from .status import statuses_for

FIELD_LABELS = {
    "done_on": "Дата",
    "done_until": "Окончание",
    "text": "Что сделано",
    "participants": "Фактические участники",
    "municipalities": "Муниципальные образования",
    "links": "Ссылки",
}


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _year(request: HttpRequest, today) -> int:
    year = _int(request.GET.get("year"))
    return year if year is not None and 2000 <= year <= 2100 else today.year


@login_required
def report_create(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_activity_to_report(request.user, pk)
    form = ReportForm(
        request.POST or None,
        request.FILES or None,
        quotas=activity_quotas(activity),
        initial={"done_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            report = services.report_create(
                activity=activity, by=request.user, data=form.to_input(), attachments=form.uploads()
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Отчёт добавлен.")
            return redirect("plans-activity-detail", pk=report.activity_id)
    return render(
        request,
        "execution/report_form.html",
        {"form": form, "activity": activity, "plan": activity.plan},
    )


@login_required
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_report_for_user(request.user, pk)
    return render(
        request,
        "execution/report_detail.html",
        {
            "report": report,
            "activity": report.activity,
            "plan": report.plan,
            "can_change": report_checker(request.user, report.plan)(report.activity),
        },
    )


@login_required
def report_edit(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_rw_report_for_user(request.user, pk)
    activity = report.activity
    quotas = activity_quotas(activity)
    initial = ReportForm.initial_for(report, delivery_items(quotas))
    form = ReportForm(request.POST or None, request.FILES or None, quotas=quotas, initial=initial)
    conflict = []
    if request.method == "POST" and form.is_valid():
        try:
            services.report_update(
                report=report,
                by=request.user,
                data=form.to_input(),
                version=form.expected_version(),
                attachments=form.uploads(),
            )
        except StaleVersion as stale:
            form.show_conflict(stale)
            conflict = conflict_rows(
                theirs=ReportForm.initial_for(stale.current, form.delivery_items),
                mine={
                    **form.cleaned_data,
                    "links": "\n".join(form.cleaned_data["links"]),
                    # as a saved report's participants read: «глав поселений 12 человек»
                    "participants": "\n".join(
                        str(ReportParticipation(count=count, category=category))
                        for count, category in form.to_input().participants
                    ),
                },
                # the counts towards quotas too: a second save must not undo the other person's
                labels={
                    **FIELD_LABELS,
                    **{
                        f"delivery_{i}": form.fields[f"delivery_{i}"].label
                        for i in range(len(form.delivery_items))
                    },
                },
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Отчёт сохранён.")
            return redirect("execution-report-detail", pk=report.pk)
    return render(
        request,
        "execution/report_form.html",
        {
            "form": form,
            "activity": activity,
            "plan": report.plan,
            "report": report,
            "conflict": conflict,
        },
    )


@login_required
def report_delete(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_rw_report_for_user(request.user, pk)
    if request.method == "POST":
        services.report_delete(report=report, by=request.user)
        messages.success(request, "Отчёт удалён.")
        return redirect("plans-activity-detail", pk=report.activity_id)
    return render(
        request, "execution/report_confirm_delete.html", {"report": report, "plan": report.plan}
    )


@login_required
def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    attachment = get_attachment_for_user(request.user, pk)
    try:
        stored = attachment.file.open("rb")
    except FileNotFoundError as error:
        raise Http404("Файл не найден.") from error
    # Never rendered inline: a file people upload is handed over as a download.
    return FileResponse(
        stored,
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )


@login_required
def attachment_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """A file is removed for good (there is no bin for it): the person confirms first."""
    attachment = get_attachment_for_user(request.user, pk)
    report = get_rw_report_for_user(request.user, attachment.report_id)
    if request.method == "POST":
        services.attachment_delete(attachment=attachment, by=request.user)
        messages.success(request, f"Файл {attachment.original_name} удалён.")
        return redirect("execution-report-detail", pk=report.pk)
    return render(
        request,
        "execution/attachment_confirm_delete.html",
        {"attachment": attachment, "report": report, "plan": report.plan},
    )


@login_required
@require_POST
def status_override(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_activity_for_user(request.user, pk)
    require_reporter(request.user, activity)
    form = OverrideForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Укажите статус и причину его изменения.")
        return redirect("plans-activity-detail", pk=activity.pk)
    current = statuses_for([activity], as_of=timezone.localdate())[activity.pk]
    d = form.cleaned_data
    try:
        services.status_override(
            activity=activity,
            by=request.user,
            new=d["new"],
            old=current.code,
            moved_to_month=d["moved_to_month"],
            reason=d["reason"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Статус изменён; изменение записано в историю.")
    return redirect("plans-activity-detail", pk=activity.pk)


# --- dashboards ------------------------------------------------------------------------------


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """The organization's dashboard; a federal administrator without `org` sees all side by side."""
    today = timezone.localdate()
    org_id = _int(request.GET.get("org"))
    if org_id is None and is_federal_admin(request.user):
        return redirect("execution-federal")
    organization = _dashboard_organization(request.user, org_id)
    years = plan_years(organization)
    year = _year(request, today) if request.GET.get("year") else nearest_plan_year(years, today)
    board = organization_dashboard(organization, year=year, as_of=today)
    return render(
        request,
        "execution/dashboard.html",
        {
            "board": board,
            "year": year,
            "plan_years": years,
            "organizations": visible_organizations(request.user),
        },
    )


def _dashboard_organization(user, org_id: int | None) -> Organization:
    if org_id is None:
        own = [m.organization for m in memberships(user).values()]
        if not own:
            raise PermissionDenied("Вы не состоите ни в одной организации.")
        return own[0]
    organization = Organization.objects.filter(pk=org_id).first() if 0 < org_id < 2**63 else None
    if organization is None:
        raise Http404("Не найдено.")
    require_member(user, organization)
    return organization


@login_required
def federal(request: HttpRequest) -> HttpResponse:
    if not is_federal_admin(request.user):
        raise Http404("Не найдено.")
    today = timezone.localdate()
    year = _year(request, today)
    board = federal_dashboard(year=year, as_of=today)
    return render(
        request,
        "execution/federal.html",
        {
            "lines": board.lines,
            "chart": board.chart,
            "quarter": board.quarter,
            "year": year,
            "as_of": today,
        },
    )
