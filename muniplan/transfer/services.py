"""Upload → read → preview → confirm. Only confirm writes the plan, in one transaction."""

from __future__ import annotations

import hashlib
from datetime import timedelta
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from muniplan.accounts.models import Organization
from muniplan.audit.services import audit_record
from muniplan.lib.participants import participants_from_lines
from muniplan.lib.search import fold
from muniplan.periods.parser import parse_period
from muniplan.plans.drafts import plan_create_from_draft, unknown_unit_names
from muniplan.readers import read_document, read_table
from muniplan.readers.draft import (
    ActivityDraft,
    HeaderError,
    Participants,
    PlanDraft,
    ResolutionDraft,
)
from muniplan.readers.plan.headers import FIELDS, MONTH_FIELDS
from muniplan.readers.plan.mapper import plan_from_table
from muniplan.readers.table import Table
from muniplan.resolutions.services import resolution_create_from_draft

from .models import ImportedDocument
from .serialization import draft_from_json

EDITABLE_FIELDS = (
    "number",
    "title",
    "description",
    "period",
    "responsible",
    "funding",
    "participants",
    "partners",
    "location",
)


def document_read(
    *, organization: Organization, filename: str, data: bytes, by
) -> ImportedDocument:
    """Read the document and keep it with what was understood. A ReadError leaves nothing behind,
    except when only the column headers were not recognized: then the document waits for a
    person to say which column is which (`document_map_columns`)."""
    name = PurePath(filename).name
    document = ImportedDocument(
        organization=organization,
        uploaded_by=by if getattr(by, "is_authenticated", False) else None,
        original_name=name[:255],
        extension=PurePath(name).suffix.lower()[:10],
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )
    try:
        _set_draft(document, read_document(name, data, limit=settings.MUNIPLAN_MAX_UPLOAD_BYTES))
    except HeaderError as error:
        document.status, document.kind, document.draft = (
            ImportedDocument.Status.MAPPING,
            "plan",
            {"error": str(error)},
        )
    with transaction.atomic():
        document.file.save(name, ContentFile(data), save=False)
        document.save()
    return document


def _set_draft(document: ImportedDocument, draft: PlanDraft | ResolutionDraft) -> None:
    document.status, document.kind, document.draft = (
        ImportedDocument.Status.PREVIEW,
        draft.kind,
        draft.to_json(),
    )


def document_table(document: ImportedDocument) -> Table:
    with document.file.open("rb") as stored:
        return read_table(
            document.original_name, stored.read(), limit=settings.MUNIPLAN_MAX_UPLOAD_BYTES
        )


def column_choices() -> list[tuple[str, str]]:
    return [("", "— не загружать —"), *FIELDS.items(), *MONTH_FIELDS.items()]


def document_map_columns(
    *, document: ImportedDocument, columns: dict[int, str]
) -> ImportedDocument:
    """Read the document again with the columns a person named; a ReadError keeps it waiting."""
    if document.status == ImportedDocument.Status.CONFIRMED or document.kind != "plan":
        raise ValidationError("Столбцы можно указать только у плана, который ещё не загружен.")
    if "title" not in columns.values():
        raise ValidationError("Укажите, в каком столбце наименование мероприятия.")
    _set_draft(document, plan_from_table(document_table(document), columns=columns))
    document.save(update_fields=["status", "kind", "draft"])
    return document


def preview_warnings(document: ImportedDocument) -> list[str]:
    """What a person should know before confirming: another organization's document, a plan for
    that year already there, the same file loaded before."""
    warnings = []
    named = (document.draft or {}).get("organization")
    if named and fold(named) != fold(document.organization.name):
        warnings.append(
            f"В документе указана организация «{named}», а загружается он в «{document.organization.name}»."
        )
    year = (document.draft or {}).get("year")
    if year and document.organization.plans.filter(year=year).exists():
        warnings.append(f"У организации уже есть план на {year} год: будет создан ещё один.")
    earlier = ImportedDocument.objects.filter(
        organization=document.organization,
        sha256=document.sha256,
        status=ImportedDocument.Status.CONFIRMED,
    ).first()
    if earlier:
        warnings.append(
            f"Этот файл уже загружался {earlier.created:%d.%m.%Y} как «{earlier.original_name}»."
        )
    return warnings


def preview_unknown_units(document: ImportedDocument) -> list[str]:
    """Responsible names of a plan document that are not units of the organization yet."""
    if document.kind != "plan" or not document.draft or "sections" not in document.draft:
        return []
    return unknown_unit_names(document.organization, draft_from_json(document.draft))


def preview_rows(draft_json: dict) -> list[dict]:
    """The preview table: a band row per section, then each activity and sub-activity with its path
    ("section.activity[.child]"), which names it in the form that corrects it."""
    rows = []
    for s_index, section in enumerate(draft_json.get("sections", [])):
        rows.append({"section": section["title"]})
        for a_index, activity in enumerate(section["activities"]):
            rows.append({"path": f"{s_index}.{a_index}", "a": activity, "child": False})
            rows.extend(
                {"path": f"{s_index}.{a_index}.{c_index}", "a": child, "child": True}
                for c_index, child in enumerate(activity.get("children", []))
            )
    return rows


def _find(draft: PlanDraft, path: str) -> ActivityDraft:
    indexes = [int(i) for i in path.split(".")]
    activity = draft.sections[indexes[0]].activities[indexes[1]]
    return activity.children[indexes[2]] if len(indexes) == 3 else activity


def _lines(value: str) -> list[str]:
    return [line.strip() for line in value.splitlines() if line.strip()]


def _apply_edit(activity: ActivityDraft, field: str, value: str, year: int | None) -> None:
    value = value.strip()
    if field == "period":
        activity.period = parse_period(value, year=year)
    elif field == "responsible":
        activity.responsible = _lines(value)
    elif field == "partners":
        activity.partners = _lines(value)
    elif field == "participants":
        activity.participants = [
            Participants(count, category) for count, category in participants_from_lines(value)
        ]
    elif field in ("funding", "location"):
        setattr(activity, field, value or None)
    else:
        setattr(activity, field, value)
    if field in activity.needs_review:
        activity.needs_review.remove(field)  # a person has looked at it


def apply_edits(draft: PlanDraft, edits: dict[tuple[str, str], str]) -> list[str]:
    """Apply a person's corrections from the preview; returns Russian errors naming the row and field."""
    errors = []
    for (path, field), value in edits.items():
        if field not in EDITABLE_FIELDS:
            errors.append(f"Поле «{field}» изменить нельзя.")
            continue
        try:
            activity = _find(draft, path)
        except (ValueError, IndexError):
            errors.append(f"Строка {path} не найдена в документе.")
            continue
        if field == "title" and not value.strip():
            errors.append(
                f"Мероприятие {activity.number or path}: наименование не может быть пустым."
            )
            continue
        _apply_edit(activity, field, value, draft.year)
    return errors


class AlreadyConfirmed(ValidationError):
    """The document was confirmed before (perhaps a moment ago, by a second click): `created` is its plan
    or resolution, where the person is sent instead of making another."""

    def __init__(self, document: ImportedDocument):
        super().__init__(f"Документ {document.original_name} уже загружен.")
        self.created = document.plan or document.resolution


@transaction.atomic
def document_confirm(
    *,
    document: ImportedDocument,
    by,
    edits: dict | None = None,
    year: int | None = None,
    units: dict | None = None,
):
    """Create the plan (or resolution) the document holds, with a person's corrections, all or nothing.
    `units` says what becomes of each responsible name that is not a unit yet (see
    `plans.drafts.plan_create_from_draft`); None creates them, as the command line does.
    Confirmations of one document queue on its row and the status is read again after the wait, so
    simultaneous clicks make one plan; the later ones raise AlreadyConfirmed."""
    locked = ImportedDocument.objects.select_for_update().get(pk=document.pk)
    document.status, document.plan_id, document.resolution_id = (
        locked.status,
        locked.plan_id,
        locked.resolution_id,
    )
    if document.status == ImportedDocument.Status.CONFIRMED:
        raise AlreadyConfirmed(document)
    if document.status != ImportedDocument.Status.PREVIEW:
        raise ValidationError("Этот документ ещё не прочитан: укажите столбцы.")
    draft = draft_from_json(document.draft)
    if isinstance(draft, ResolutionDraft):
        created = resolution_create_from_draft(
            organization=document.organization, draft=draft, by=by, source=document.original_name
        )
        document.resolution = created
    else:
        errors = apply_edits(draft, edits or {})
        year = year or draft.year
        if not year:
            errors.append(
                f"Файл {document.original_name}: год плана не указан в документе — укажите его."
            )
        if errors:
            raise ValidationError(errors)
        created = plan_create_from_draft(
            organization=document.organization,
            draft=draft,
            by=by,
            year=year,
            source=document.original_name,
            unit_choices=units,
        )
        document.plan = created
    document.status = ImportedDocument.Status.CONFIRMED
    document.draft = draft.to_json()
    document.save()
    audit_record(
        action="transfer.document.confirmed",
        obj=document,
        by=by,
        organization=document.organization,
        plan_id=document.plan_id,
        summary=document.original_name,
    )
    return created


STALE_UPLOAD_AGE = timedelta(days=30)


def uploads_purge(*, older_than: timedelta = STALE_UPLOAD_AGE) -> int:
    """Remove uploads nobody confirmed within `older_than`, with their stored files: an unconfirmed
    upload is only a preview, and keeping strangers' documents forever is a liability.
    Returns how many were removed. Each removal is recorded in the history."""
    stale = (
        ImportedDocument.objects.exclude(status=ImportedDocument.Status.CONFIRMED)
        .filter(created__lt=timezone.now() - older_than)
        .select_related("organization")
    )
    removed = 0
    for document in stale.iterator():
        name, storage = document.file.name, document.file.storage
        with transaction.atomic():
            # someone may be confirming it right now: the row lock settles who goes first
            unconfirmed = ImportedDocument.objects.exclude(status=ImportedDocument.Status.CONFIRMED)
            if not unconfirmed.select_for_update().filter(pk=document.pk).exists():
                continue
            audit_record(
                action="transfer.document.purged",
                obj=document,
                by=None,
                organization=document.organization,
                summary=document.original_name,
            )
            document.delete()
        # the file goes after its row: a failure leaves an orphan file, never a row without its file
        if name and not ImportedDocument.objects.filter(file=name).exists():
            storage.delete(name)
        removed += 1
    return removed
