"""Writes of the documents app: an organization's default layout, its own Word form, and the
background exports of large plans."""

from __future__ import annotations

import hashlib
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from muniplan.accounts.models import Organization
from muniplan.audit.services import audit_record

from .layouts import LAYOUTS, PlanDocument, get_layout
from .letterhead import LetterheadError, letterhead_check
from .models import ExportJob, Letterhead

EXPORT_JOB_AGE = timedelta(days=7)


@transaction.atomic
def organization_layout_set(*, organization: Organization, layout: str, by) -> Organization:
    if layout not in LAYOUTS:
        raise ValidationError(f"Оформление «{layout}» неизвестно.")
    old = organization.get_plan_layout_display()
    organization.plan_layout = layout
    organization.save(update_fields=["plan_layout"])
    audit_record(
        action="documents.layout.changed",
        obj=organization,
        by=by,
        organization=organization,
        summary=f"Оформление плана: {organization.get_plan_layout_display()}",
        changes={"plan_layout": [old, organization.get_plan_layout_display()]},
    )
    return organization


@transaction.atomic
def letterhead_upload(*, organization: Organization, name: str, data: bytes, by) -> Letterhead:
    """Keep the form only if it renders a plan of this organization; the error names the bad tag."""
    try:
        letterhead_check(data, name, _sample_document(organization))
    except LetterheadError as error:
        raise ValidationError(str(error)) from error
    letterhead = Letterhead.objects.filter(organization=organization).first() or Letterhead(
        organization=organization
    )
    if letterhead.pk:
        letterhead.file.delete(save=False)
    letterhead.original_name, letterhead.error = name[:255], ""
    letterhead.sha256 = hashlib.sha256(data).hexdigest()
    letterhead.uploaded_by = by
    letterhead.file.save(name, ContentFile(data), save=False)
    letterhead.save()
    audit_record(
        action="documents.letterhead.uploaded",
        obj=letterhead,
        by=by,
        organization=organization,
        summary=f"Бланк для документов Word: {letterhead.original_name}",
    )
    return letterhead


@transaction.atomic
def letterhead_delete(*, organization: Organization, by) -> None:
    letterhead = Letterhead.objects.filter(organization=organization).first()
    if letterhead is None:
        return
    audit_record(
        action="documents.letterhead.deleted",
        obj=letterhead,
        by=by,
        organization=organization,
        summary=f"Бланк удалён: {letterhead.original_name}",
    )
    letterhead.file.delete(save=False)
    letterhead.delete()


def _sample_document(organization: Organization) -> PlanDocument:
    """The organization's latest plan, or an empty one, to try a form on before keeping it."""
    from muniplan.plans.models import Plan

    from .layouts import plan_document

    plan = organization.plans.order_by("-year", "-id").first()
    if plan is not None:
        return plan_document(plan, get_layout(None, organization))
    blank = Plan(organization=organization, year=2026, title="План работы")
    return PlanDocument(blank, get_layout(None, organization), blank.title, [], [], [])


def export_is_large(plan, fmt: str) -> bool:
    """A PDF of more than EXPORT_BACKGROUND_PDF activities, or any file of more than
    EXPORT_BACKGROUND_ACTIVITIES, is made in the background; smaller ones download at once."""
    if fmt == "ics":
        return False
    limit = (
        settings.MUNIPLAN_EXPORT_BACKGROUND_PDF
        if fmt == "pdf"
        else settings.MUNIPLAN_EXPORT_BACKGROUND_ACTIVITIES
    )
    return plan.activities.count() > limit


def export_job_start(
    *,
    plan,
    fmt: str,
    layout: str = "",
    section_id: int | None = None,
    unit_id: int | None = None,
    base_url: str = "",
    by,
) -> ExportJob:
    from .tasks import run_export_job

    with transaction.atomic():
        job = ExportJob.objects.create(
            organization=plan.organization,
            plan=plan,
            format=fmt,
            layout=layout or "",
            section_id=section_id,
            unit_id=unit_id,
            base_url=base_url,
            activities=plan.activities.count(),
            created_by=by,
        )
        audit_record(
            action="documents.export.queued",
            obj=job,
            by=by,
            organization=plan.organization,
            summary=f"Выгрузка плана «{plan}» ({fmt}) поставлена в очередь",
        )
    run_export_job.enqueue(job.pk)  # after the commit, so a worker finds the job
    job.refresh_from_db()
    return job


def export_job_run(*, job: ExportJob) -> ExportJob:
    """Make the file and keep it with the job; a failure is recorded, not raised, so the page
    waiting for it can tell the person."""
    from .export import export_plan

    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportJob.Status.RUNNING, started=timezone.now()
    )
    try:
        exported = export_plan(
            job.plan,
            job.format,
            layout=job.layout or None,
            section_id=job.section_id,
            unit_id=job.unit_id,
            base_url=job.base_url or None,
        )
    except Exception as error:  # noqa: BLE001 - any renderer failure must reach the waiting page
        ExportJob.objects.filter(pk=job.pk).update(
            status=ExportJob.Status.FAILED,
            finished=timezone.now(),
            error=f"Не удалось подготовить файл: {error}",
        )
        job.refresh_from_db()
        return job
    with transaction.atomic():
        job.file.save(f"{job.pk}.{job.format}", ContentFile(exported.data), save=False)
        job.filename, job.content_type, job.warning = (
            exported.filename,
            exported.content_type,
            exported.warning,
        )
        job.status, job.finished = ExportJob.Status.DONE, timezone.now()
        # only what this step sets: `started` was written by the update above, not into `job`
        job.save(
            update_fields=["file", "filename", "content_type", "warning", "status", "finished"]
        )
        audit_record(
            action="documents.export.done",
            obj=job,
            by=None,
            organization=job.organization,
            summary=f"Выгрузка плана «{job.plan}» ({job.format}) готова",
        )
    return job


def export_jobs_purge(*, older_than: timedelta = EXPORT_JOB_AGE) -> int:
    """Remove export jobs finished more than `older_than` ago, and unfinished ones started that
    long ago (their worker is gone), with their files; returns how many. The file is a copy of a
    plan its reader can export again, so nothing is recorded in the history."""
    cutoff = timezone.now() - older_than
    old = ExportJob.objects.filter(
        Q(finished__lt=cutoff) | Q(finished__isnull=True, created__lt=cutoff)
    )
    removed = 0
    for job in old.iterator():
        name, storage = job.file.name, job.file.storage
        job.delete()
        if name:  # the file goes after its row: a failure leaves an orphan file, never a dead link
            storage.delete(name)
        removed += 1
    return removed


def export_files_orphaned_purge(*, older_than: timedelta = EXPORT_JOB_AGE) -> int:
    """Remove files under `exports/` that no export job names any more, written more than
    `older_than` ago; returns how many. A plan or organization deleted with its jobs (the rows
    go by cascade) leaves its files behind; so does a purge whose file delete failed. The age
    keeps away from a file a running job has written but not yet recorded."""
    storage = ExportJob._meta.get_field("file").storage
    cutoff = timezone.now() - older_than
    named = set(ExportJob.objects.exclude(file="").values_list("file", flat=True))
    try:
        folders, _ = storage.listdir("exports")
    except FileNotFoundError:
        return 0
    orphans = [
        path
        for folder in folders
        for path in (f"exports/{folder}/{name}" for name in storage.listdir(f"exports/{folder}")[1])
        if path not in named and storage.get_modified_time(path) < cutoff
    ]
    for path in orphans:
        storage.delete(path)
    return len(orphans)
