from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header

from muniplan.accounts.access import require_admin, require_member
from muniplan.accounts.models import Organization
from muniplan.plans.access import get_plan_for_user

from . import services
from .access import get_export_job_for_user
from .export import export_plan
from .forms import ExportForm, LayoutForm, LetterheadForm
from .models import ExportJob, Letterhead


@login_required
def plan_export(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, pk)
    form = ExportForm(request.GET or {"format": "docx"})
    if not form.is_valid():
        raise Http404("Такого формата нет.")
    d = form.cleaned_data
    if d["section"] and not plan.sections.filter(pk=d["section"]).exists():
        raise Http404("Раздел не найден.")
    if d["unit"] and not plan.organization.units.filter(pk=d["unit"]).exists():
        raise Http404("Подразделение не найдено.")
    if services.export_is_large(plan, d["format"]):
        job = services.export_job_start(
            plan=plan,
            fmt=d["format"],
            layout=d["layout"] or "",
            section_id=d["section"],
            unit_id=d["unit"],
            base_url=request.build_absolute_uri("/"),
            by=request.user,
        )
        return redirect("documents-export-job", pk=job.pk)
    exported = export_plan(
        plan,
        d["format"],
        layout=d["layout"] or None,
        section_id=d["section"],
        unit_id=d["unit"],
        base_url=request.build_absolute_uri("/"),
    )
    if exported.warning:
        messages.warning(request, exported.warning)
    response = HttpResponse(exported.data, content_type=exported.content_type)
    response["Content-Disposition"] = content_disposition_header(True, exported.filename)
    return response


@login_required
def export_job(request: HttpRequest, pk: int) -> HttpResponse:
    """The waiting page of a large export; HTMX polls its status block until the file is ready."""
    job = get_export_job_for_user(request.user, pk)
    template = "documents/_export_job_status.html" if request.htmx else "documents/export_job.html"
    return render(request, template, {"job": job, "plan": job.plan})


@login_required
def export_job_file(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_export_job_for_user(request.user, pk)
    if job.status != ExportJob.Status.DONE:
        raise Http404("Файл ещё не готов.")
    response = FileResponse(job.file.open("rb"), content_type=job.content_type)
    response["Content-Disposition"] = content_disposition_header(True, job.filename)
    return response


@login_required
def organization_documents(request: HttpRequest, pk: int) -> HttpResponse:
    """An administrator chooses the default layout and uploads the organization's Word form."""
    organization = get_object_or_404(Organization, pk=pk)
    require_member(request.user, organization)
    require_admin(request.user, organization)
    layout_form = LayoutForm(initial={"plan_layout": organization.plan_layout})
    letterhead_form = LetterheadForm()
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "layout":
            layout_form = LayoutForm(request.POST)
            if layout_form.is_valid():
                services.organization_layout_set(
                    organization=organization,
                    by=request.user,
                    layout=layout_form.cleaned_data["plan_layout"],
                )
                messages.success(request, "Оформление плана сохранено.")
                return redirect("documents-organization", pk=pk)
        elif action == "letterhead":
            letterhead_form = LetterheadForm(request.POST, request.FILES)
            if letterhead_form.is_valid() and _upload(request, organization, letterhead_form):
                messages.success(
                    request, "Бланк сохранён: документы Word будут оформляться по нему."
                )
                return redirect("documents-organization", pk=pk)
        elif action == "delete-letterhead":
            services.letterhead_delete(organization=organization, by=request.user)
            messages.success(request, "Бланк удалён: документы Word оформляются по умолчанию.")
            return redirect("documents-organization", pk=pk)
    return render(
        request,
        "documents/organization_documents.html",
        {
            "organization": organization,
            "layout_form": layout_form,
            "letterhead_form": letterhead_form,
            "letterhead": Letterhead.objects.filter(organization=organization).first(),
        },
    )


def _upload(request: HttpRequest, organization: Organization, form: LetterheadForm) -> bool:
    from django.core.exceptions import ValidationError

    upload = form.cleaned_data["file"]
    try:
        services.letterhead_upload(
            organization=organization, name=upload.name, data=upload.read(), by=request.user
        )
    except ValidationError as error:
        form.add_error("file", error.messages)
        return False
    return True
