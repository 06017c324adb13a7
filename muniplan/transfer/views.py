from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from muniplan.accounts.access import administered_organizations, require_admin
from muniplan.plans.access import get_rw_plan_for_user
from muniplan.readers.draft import ReadError
from muniplan.readers.plan.headers import header_cells, offered_header_row

from . import batches, roundtrip, services
from .access import get_batch_for_user, get_document_for_user, get_original_for_user
from .forms import ConfirmForm, SheetUploadForm, UnitMappingForm, UploadForm
from .models import ImportedDocument


@login_required
def upload(request: HttpRequest) -> HttpResponse:
    organizations = administered_organizations(request.user)
    if not organizations.exists():
        raise PermissionDenied("Загружать документы может только администратор организации.")
    form = UploadForm(request.POST or None, request.FILES or None, organizations=organizations)
    if request.method == "POST" and form.is_valid():
        organization, files = form.cleaned_data["organization"], form.uploads()
        try:
            if form.is_batch():
                batch = batches.batch_create(
                    organization=organization, files=files, by=request.user
                )
                return redirect("transfer-batch", pk=batch.pk)
            ((name, data),) = files
            document = services.document_read(
                organization=organization, filename=name, data=data, by=request.user
            )
        except ReadError as error:
            form.add_error("file" if form.cleaned_data["file"] else "pasted", str(error))
        else:
            if document.status == ImportedDocument.Status.MAPPING:
                messages.warning(request, document.draft["error"])
                return redirect("transfer-columns", pk=document.pk)
            return redirect("transfer-preview", pk=document.pk)
    recent = ImportedDocument.objects.filter(organization__in=organizations).select_related(
        "plan", "resolution"
    )[:20]
    return render(request, "transfer/upload.html", {"form": form, "recent": recent})


def _edits(post) -> dict[tuple[str, str], str]:
    """Form fields named «edit:<path>:<field>» carry a person's corrections of the preview."""
    edits = {}
    for key, value in post.items():
        if key.startswith("edit:") and key.count(":") == 2:
            _, path, field = key.split(":")
            edits[(path, field)] = value
    return edits


@login_required
def preview(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_document_for_user(request.user, pk)
    require_admin(request.user, document.organization)
    if document.kind == roundtrip.KIND:
        return redirect("transfer-excel-preview", pk=document.pk)
    if document.status == ImportedDocument.Status.CONFIRMED:
        return (
            redirect(document.plan or document.resolution)
            if (document.plan or document.resolution)
            else redirect("transfer-upload")
        )
    if document.status in (ImportedDocument.Status.QUEUED, ImportedDocument.Status.FAILED):
        return (
            redirect("transfer-batch", pk=document.batch_id)
            if document.batch_id
            else redirect("transfer-upload")
        )
    form = ConfirmForm(request.POST or None, initial={"year": document.draft.get("year")})
    unit_form = UnitMappingForm(
        request.POST or None,
        names=services.preview_unknown_units(document),
        units=document.organization.units.all(),
    )
    errors: list[str] = []
    if request.method == "POST" and form.is_valid() and unit_form.is_valid():
        try:
            created = services.document_confirm(
                document=document,
                by=request.user,
                edits=_edits(request.POST),
                year=form.cleaned_data["year"],
                units=unit_form.choices(),
            )
        except services.AlreadyConfirmed as already:
            messages.info(request, already.message)
            return redirect(already.created) if already.created else redirect("transfer-upload")
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(request, f"Документ {document.original_name} загружен.")
            return redirect(created)
    return render(
        request,
        "transfer/preview.html",
        {
            "document": document,
            "draft": document.draft,
            "form": form,
            "unit_form": unit_form,
            "errors": errors,
            "rows": services.preview_rows(document.draft),
            "warnings": services.preview_warnings(document),
        },
    )


@login_required
def columns(request: HttpRequest, pk: int) -> HttpResponse:
    """Manual column mapping, when the reader did not recognize the table's headers."""
    document = get_document_for_user(request.user, pk)
    require_admin(request.user, document.organization)
    if document.status == ImportedDocument.Status.CONFIRMED or document.kind != "plan":
        return redirect("transfer-preview", pk=document.pk)
    try:
        table = services.document_table(document)
    except ReadError as error:
        messages.error(request, f"{error} Столбцы этого документа вручную не указываются.")
        return redirect("transfer-preview", pk=document.pk)
    if request.method == "POST":
        chosen = {
            int(key[4:]): value
            for key, value in request.POST.items()
            if key.startswith("col-") and key[4:].isdigit() and value
        }
        try:
            services.document_map_columns(document=document, columns=chosen)
        except (ReadError, ValidationError) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        else:
            return redirect("transfer-preview", pk=document.pk)
    header = header_cells(table)
    start = offered_header_row(table) + 1
    return render(
        request,
        "transfer/columns.html",
        {
            "document": document,
            "header": header,
            "choices": services.column_choices(),
            "sample": [row for row in table.rows[start : start + 6]],
        },
    )


@login_required
def download(request: HttpRequest, pk: int) -> FileResponse:
    document = get_original_for_user(request.user, pk)
    return FileResponse(
        document.file.open("rb"), as_attachment=True, filename=document.original_name
    )


@login_required
def batch(request: HttpRequest, pk: int) -> HttpResponse:
    """The documents of a batch upload with what was read of each; while some are still being
    read, the table part of the page refreshes itself (HTMX) to show the progress."""
    upload_batch = get_batch_for_user(request.user, pk)
    require_admin(request.user, upload_batch.organization)
    read, total = batches.batch_progress(upload_batch)
    context = {
        "batch": upload_batch,
        "rows": batches.batch_rows(upload_batch),
        "read": read,
        "total": total,
    }
    template = "transfer/_batch_documents.html" if request.htmx else "transfer/batch.html"
    return render(request, template, context)


@login_required
@require_POST
def drop(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_document_for_user(request.user, pk)
    require_admin(request.user, document.organization)
    batch_id = document.batch_id
    try:
        batches.document_drop(document=document, by=request.user)
    except ReadError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Документ {document.original_name} исключён из загрузки.")
    return redirect("transfer-batch", pk=batch_id) if batch_id else redirect("transfer-upload")


@login_required
def excel_upload(request: HttpRequest, pk: int) -> HttpResponse:
    """An edited Excel export of a draft plan, uploaded to change the plan in bulk."""
    plan = get_rw_plan_for_user(request.user, pk)
    form = SheetUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            document = roundtrip.sheet_read(
                plan=plan, filename=upload.name, data=upload.read(), by=request.user
            )
        except (ReadError, ValidationError) as error:
            form.add_error("file", getattr(error, "messages", [str(error)]))
        else:
            return redirect("transfer-excel-preview", pk=document.pk)
    return render(request, "transfer/excel_upload.html", {"plan": plan, "form": form})


@login_required
def excel_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The differences per activity; confirming applies them all in one transaction."""
    document = get_document_for_user(request.user, pk)
    if document.kind != roundtrip.KIND:
        return redirect("transfer-preview", pk=document.pk)
    plan = get_rw_plan_for_user(request.user, document.plan_id)
    errors: list[str] = []
    if request.method == "POST" and document.status == ImportedDocument.Status.PREVIEW:
        try:
            roundtrip.sheet_apply(document=document, by=request.user)
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(request, f"Изменения из {document.original_name} применены.")
            return redirect(plan)
    return render(
        request,
        "transfer/excel_preview.html",
        {
            "document": document,
            "plan": plan,
            "changes": document.draft["changes"],
            "errors": errors,
            "field_names": roundtrip.FIELD_NAMES,
        },
    )
