"""Writes of the execution app: reports, their attachments, status overrides. Each is one
transaction with its audit entry."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from muniplan.audit.services import audit_record, diff_fields
from muniplan.lib.locking import claim_version
from muniplan.lib.search import search_key
from muniplan.lib.sizes import too_large
from muniplan.plans.models import Activity
from muniplan.readers import check_office_file
from muniplan.readers.draft import ReadError

from .models import (
    ExecutionReport,
    QuotaDelivery,
    ReportAttachment,
    ReportParticipation,
    Status,
    StatusOverride,
)

# Suffix → (content type, how the file must begin). Office files are zip archives checked further
# by the importer's zip guard (size after unpacking, the part a real document has).
ATTACHMENT_TYPES: dict[str, tuple[str, tuple[bytes, ...]]] = {
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (b"PK\x03\x04",),
    ),
    ".xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        (b"PK\x03\x04",),
    ),
}


@dataclass
class ReportInput:
    """What a person says about one piece of work done."""

    done_on: dt.date
    text: str
    done_until: dt.date | None = None
    municipalities: str = ""
    links: list[str] = field(default_factory=list)
    participants: list[tuple[int | None, str]] = field(default_factory=list)
    deliveries: list[tuple[str, int]] = field(default_factory=list)  # («новость», 2)


@dataclass
class Upload:
    name: str
    data: bytes


def _check(data: ReportInput, plan_year: int) -> None:
    if not data.text.strip():
        raise ValidationError("Опишите, что сделано.")
    if data.done_until and data.done_until < data.done_on:
        raise ValidationError("Дата окончания раньше даты начала.")
    # what was done is in the past; work done for a plan starts in its year (a late activity
    # may still be done the year after)
    if data.done_on > timezone.localdate():
        raise ValidationError(
            {
                "done_on": f"Дата проведения {data.done_on:%d.%m.%Y} ещё не наступила: "
                "отчёт пишут о сделанном."
            }
        )
    if data.done_on.year < plan_year:
        raise ValidationError(
            {"done_on": f"Дата проведения {data.done_on:%d.%m.%Y} раньше года плана ({plan_year})."}
        )


def _snapshot(report: ExecutionReport) -> dict:
    return {
        "done_on": report.done_on,
        "done_until": report.done_until,
        "text": report.text,
        "municipalities": report.municipalities,
        "links": list(report.links),
        "participants": [str(p) for p in report.participations.all()],
        "deliveries": [str(d) for d in report.deliveries.all()],
        "attachments": [a.original_name for a in report.attachments.all()],
    }


def _audit(report: ExecutionReport, by, action: str, before: dict, summary: str) -> None:
    audit_record(
        action=action,
        obj=report,
        by=by,
        organization=report.organization,
        plan_id=report.plan_id,
        summary=summary,
        changes=diff_fields(before, _snapshot(report)),
    )


@transaction.atomic
def report_create(
    *, activity: Activity, by, data: ReportInput, attachments: list[Upload] = ()
) -> ExecutionReport:
    _check(data, activity.plan.year)
    report = ExecutionReport.objects.create(
        organization_id=activity.plan.organization_id,
        plan_id=activity.plan_id,
        activity=activity,
        created_by=by if getattr(by, "is_authenticated", False) else None,
        **_fields(data),
    )
    _write_children(report, data)
    for upload in attachments:
        _attach(report, upload)
    _audit(
        report,
        by,
        "execution.report.created",
        {},
        f"Отчёт по мероприятию {activity.number}".strip(),
    )
    return report


@transaction.atomic
def report_update(
    *,
    report: ExecutionReport,
    by,
    data: ReportInput,
    version: int | None,
    attachments: list[Upload] = (),
) -> ExecutionReport:
    """Change a report; a save from a form opened before someone else's raises `StaleVersion`."""
    _check(data, report.plan.year)
    claim_version(report, version)
    before = _snapshot(report)
    for name, value in _fields(data).items():
        setattr(report, name, value)
    report.save(update_fields=[*_fields(data), "updated"])
    report.participations.all().delete()
    report.deliveries.all().delete()
    _write_children(report, data)
    for upload in attachments:
        _attach(report, upload)
    _audit(report, by, "execution.report.updated", before, "Отчёт изменён")
    return report


@transaction.atomic
def report_delete(*, report: ExecutionReport, by) -> None:
    before = _snapshot(report)
    files = [a.file.name for a in report.attachments.all()]
    audit_record(
        action="execution.report.deleted",
        obj=report,
        by=by,
        organization=report.organization,
        plan_id=report.plan_id,
        summary=f"Отчёт от {report.done_on:%d.%m.%Y} удалён",
        # what the report held, as the old side of each field («→ —»)
        changes={name: [shown, None] for name, (_, shown) in diff_fields({}, before).items()},
    )
    report.delete()
    transaction.on_commit(lambda: _remove_files(files))


@transaction.atomic
def attachment_delete(*, attachment: ReportAttachment, by) -> None:
    report = attachment.report
    audit_record(
        action="execution.attachment.deleted",
        obj=report,
        by=by,
        organization=report.organization,
        plan_id=report.plan_id,
        summary=f"Удалён файл {attachment.original_name}",
        changes={"attachments": [attachment.original_name, None]},
    )
    name = attachment.file.name
    attachment.delete()
    transaction.on_commit(lambda: _remove_files([name]))


def _remove_files(names: list[str]) -> None:
    from django.core.files.storage import default_storage

    for name in names:
        # The same content may be attached to another report under the same hashed name.
        if not ReportAttachment.objects.filter(file=name).exists():
            default_storage.delete(name)


def _fields(data: ReportInput) -> dict:
    return {
        "done_on": data.done_on,
        "done_until": data.done_until,
        "text": data.text.strip(),
        "municipalities": data.municipalities.strip(),
        "links": [link.strip() for link in data.links if link.strip()],
        "search_text": search_key(data.text, data.municipalities),
    }


def _write_children(report: ExecutionReport, data: ReportInput) -> None:
    ReportParticipation.objects.bulk_create(
        [
            ReportParticipation(report=report, position=i, count=count, category=category)
            for i, (count, category) in enumerate(data.participants)
        ]
    )
    QuotaDelivery.objects.bulk_create(
        [
            QuotaDelivery(report=report, item=item, count=count)
            for item, count in data.deliveries
            if count
        ]
    )


def attachment_check(name: str, data: bytes) -> tuple[str, str]:
    """(suffix, content type) of an acceptable attachment; a Russian ValidationError naming the file if not."""
    suffix = PurePath(name).suffix.lower()
    limit = settings.MUNIPLAN_MAX_UPLOAD_BYTES
    if suffix not in ATTACHMENT_TYPES:
        raise ValidationError(
            f"Файл {name}: формат «{suffix or 'без расширения'}» не принимается. "
            f"Допустимы фотографии (.jpg, .png) и документы (.pdf, .docx, .xlsx)."
        )
    if not data:
        raise ValidationError(f"Файл {name} пуст.")
    if len(data) > limit:
        raise ValidationError(too_large(name, len(data), limit))
    content_type, signatures = ATTACHMENT_TYPES[suffix]
    if not data.startswith(signatures):
        raise ValidationError(
            f"Файл {name} не является файлом {suffix}: его содержимое другого типа."
        )
    if suffix in (".docx", ".xlsx"):
        try:
            check_office_file(name, data)
        except ReadError as error:
            raise ValidationError(str(error)) from error
    return suffix, content_type


def _attach(report: ExecutionReport, upload: Upload) -> ReportAttachment:
    name = PurePath(upload.name).name[:255]
    suffix, content_type = attachment_check(name, upload.data)
    attachment = ReportAttachment(
        report=report,
        organization_id=report.organization_id,
        original_name=name,
        extension=suffix,
        content_type=content_type,
        size=len(upload.data),
        sha256=hashlib.sha256(upload.data).hexdigest(),
    )
    attachment.file.save(name, ContentFile(upload.data), save=False)
    attachment.save()
    return attachment


# --- status overrides ------------------------------------------------------------------------


@transaction.atomic
def status_override(
    *, activity: Activity, by, new: str, reason: str, old: str, moved_to_month: int | None = None
) -> StatusOverride:
    """Set an activity's status by hand (empty `new`: back to the derived one); `old` is what the
    person saw. The row is the history; the audit entry puts it in the plan's «История»."""
    if not reason.strip():
        raise ValidationError("Укажите причину изменения статуса.")
    if new and new not in Status.values:
        raise ValidationError("Неизвестный статус.")
    if moved_to_month is not None and (new != Status.MOVED or not 1 <= moved_to_month <= 12):
        raise ValidationError("Месяц указывается только при переносе, от 1 до 12.")
    row = StatusOverride.objects.create(
        activity=activity,
        old=old,
        new=new,
        moved_to_month=moved_to_month,
        reason=reason.strip(),
        by=by if getattr(by, "is_authenticated", False) else None,
    )
    audit_record(
        action="execution.status.overridden",
        obj=activity,
        by=by,
        plan=activity.plan,
        summary=reason.strip(),
        changes={"status": [Status(old).label if old else "", row.label]},
    )
    return row
