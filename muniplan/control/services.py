"""Writes to items under control. Each is one transaction with its status row and audit entry."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from muniplan.accounts.models import Organization, Unit
from muniplan.accounts.templatetags.people import person
from muniplan.audit.services import audit_record, diff_fields
from muniplan.execution.services import attachment_check
from muniplan.lib.locking import claim_version
from muniplan.lib.search import fold
from muniplan.plans.models import Activity, Plan
from muniplan.plans.services import ActivityInput, activity_create, plan_create, section_create
from muniplan.resolutions.models import Addressee, Recommendation, Resolution

from .models import ControlItem, Evidence, ExecutionNote, ExtensionRequest, StatusChange

Status = ControlItem.Status


def _audit(
    item: ControlItem, action: str, by, summary: str = "", changes: dict | None = None
) -> None:
    audit_record(
        action=f"control.item.{action}",
        obj=item,
        by=by,
        organization=item.organization,
        summary=summary or item.text[:200],
        changes=changes,
    )


def _set_status(item: ControlItem, new: str, *, by, reason: str = "") -> None:
    StatusChange.objects.create(item=item, old=item.status, new=new, reason=reason, by=by)
    item.status = new
    item.save(update_fields=["status", "deadline", "updated"])


def _required(reason: str, message: str) -> str:
    if not (reason or "").strip():
        raise ValidationError({"reason": message})
    return reason.replace("\r\n", "\n").strip()


def item_snapshot(item: ControlItem) -> dict:
    """The item's fields as the history keeps them: the controller by name, never by login."""
    return {
        "instruction": item.text,
        "executor_unit": item.executor_unit,
        "executor_text": item.executor_text,
        "controller": person(item.controller) if item.controller_id else None,
        "deadline": item.deadline,
        "status": item.get_status_display(),
    }


# --- putting under control -------------------------------------------------------------------


def _check_people(organization: Organization, executor_unit: Unit | None, controller) -> None:
    if executor_unit is not None and executor_unit.organization_id != organization.pk:
        raise ValidationError(
            {"executor_unit": "Исполнителем может быть только подразделение своей организации."}
        )
    if controller is None or not controller.memberships.filter(organization=organization).exists():
        raise ValidationError(
            {"controller": "Контролёром может быть только сотрудник организации."}
        )


@transaction.atomic
def item_create(
    *,
    organization: Organization,
    text: str,
    deadline: dt.date,
    controller,
    by,
    executor_unit: Unit | None = None,
    executor_text: str = "",
    recommendation: Recommendation | None = None,
) -> ControlItem:
    _check_people(organization, executor_unit, controller)
    if not text.strip():
        raise ValidationError({"text": "Укажите текст поручения."})
    item = ControlItem.objects.create(
        organization=organization,
        recommendation=recommendation,
        text=text.strip(),
        deadline=deadline,
        executor_unit=executor_unit,
        executor_text=executor_text.strip()[:500],
        controller=controller,
        created_by=by,
        status=Status.IN_PROGRESS,
    )
    StatusChange.objects.create(
        item=item, old="", new=Status.IN_PROGRESS, by=by, reason="Поставлено на контроль"
    )
    _audit(item, "created", by, changes=diff_fields({}, item_snapshot(item)))
    return item


def addressee_unit(recommendation: Recommendation) -> Unit | None:
    """The unit of the organization named as the recommendation's addressee, if there is one."""
    addressee = recommendation.addressee
    return addressee.resolution.organization.unit_named(addressee.name)


def recommendation_control(
    *,
    recommendation: Recommendation,
    controller,
    deadline: dt.date,
    by,
    executor_unit: Unit | None = None,
) -> ControlItem:
    """Put one recommendation under control. The executor is `executor_unit` when chosen, else the unit
    named as the addressee, else the addressee as written."""
    addressee = recommendation.addressee
    organization = addressee.resolution.organization
    if ControlItem.objects.filter(recommendation=recommendation).exists():
        raise ValidationError("Эта рекомендация уже на контроле.")
    unit = executor_unit or organization.unit_named(addressee.name)
    return item_create(
        organization=organization,
        text=recommendation.text,
        deadline=deadline,
        controller=controller,
        by=by,
        executor_unit=unit,
        executor_text="" if unit else addressee.name,
        recommendation=recommendation,
    )


@transaction.atomic
def resolution_control(
    *, resolution: Resolution, controller, deadline: dt.date, by
) -> list[ControlItem]:
    """Put every recommendation not yet under control under control, all or none."""
    pending = Recommendation.objects.filter(
        addressee__resolution=resolution, control_item__isnull=True
    )
    return [
        recommendation_control(recommendation=r, controller=controller, deadline=deadline, by=by)
        for r in pending.select_related("addressee__resolution__organization").order_by(
            "addressee__position", "position", "id"
        )
    ]


# --- the organization's own recommendations become plan activities ---------------------------

_QUOTED = re.compile(r"«([^»]+)»")


def _core(name: str) -> str:
    """The part of an organization's name that does not decline: «…» if quoted, else all but the first word."""
    quoted = _QUOTED.search(name)
    if quoted:
        return fold(quoted.group(1))
    return fold(" ".join(name.split()[1:]))


def is_own_addressee(addressee: Addressee, organization: Organization) -> bool:
    """«Ассоциации «Совет …»» is addressed to «Ассоциация «Совет …»»: the case ending of the first word differs."""
    core = _core(addressee.name)
    return bool(core) and core in {_core(organization.name), fold(organization.short_name)}


@transaction.atomic
def recommendations_to_plan(
    *, addressee: Addressee, by, plan: Plan | None = None, year: int | None = None
) -> list[Activity]:
    """Make each recommendation of the group an activity of a draft plan (a new one for `year` when
    no plan is given), in a section named after the resolution; each stays linked to its activity."""
    resolution = addressee.resolution
    organization = resolution.organization
    if plan is None:
        if not year:
            raise ValidationError({"plan": "Выберите проект плана или укажите год нового плана."})
        plan = plan_create(
            organization=organization, year=year, by=by, title=f"План мероприятий на {year} год"
        )
    if plan.organization_id != organization.pk or not plan.is_editable:
        raise ValidationError(
            {"plan": "Мероприятия добавляются только в проект плана своей организации."}
        )
    recommendations = list(addressee.recommendations.filter(activity__isnull=True))
    if not recommendations:
        raise ValidationError("Все рекомендации этого адресата уже включены в план.")
    title = f"Выполнение рекомендаций: {resolution.event or resolution.title}"[:500]
    section = plan.sections.filter(title=title).first() or section_create(
        plan=plan, title=title, by=by
    )
    activities = []
    for recommendation in recommendations:
        text = recommendation.text.strip()
        activity = activity_create(
            section=section,
            by=by,
            data=ActivityInput(
                title=text[:1].upper() + text[1:],
                period_text="в течение года",
                description=f"Рекомендация {recommendation.number} резолюции: {resolution}",
            ),
        )
        recommendation.activity = activity
        recommendation.save(update_fields=["activity"])
        activities.append(activity)
    audit_record(
        action="control.recommendations.planned",
        obj=resolution,
        by=by,
        organization=organization,
        plan_id=plan.pk,
        summary=f"Рекомендаций включено в план: {len(activities)}",
    )
    return activities


# --- changing an item ------------------------------------------------------------------------


@transaction.atomic
def item_update(
    *,
    item: ControlItem,
    by,
    expected_version: int | None,
    text: str,
    deadline: dt.date,
    controller,
    executor_unit: Unit | None,
    executor_text: str,
) -> ControlItem:
    claim_version(item, expected_version)
    _check_people(item.organization, executor_unit, controller)
    before = item_snapshot(item)
    item.text, item.deadline, item.controller = (
        text.replace("\r\n", "\n").strip(),
        deadline,
        controller,
    )
    item.executor_unit, item.executor_text = executor_unit, executor_text.strip()[:500]
    if not item.text:
        raise ValidationError({"text": "Укажите текст поручения."})
    item.save(
        update_fields=[
            "text",
            "deadline",
            "controller",
            "executor_unit",
            "executor_text",
            "updated",
        ]
    )
    _audit(item, "updated", by, changes=diff_fields(before, item_snapshot(item)))
    return item


@transaction.atomic
def note_add(
    *,
    item: ControlItem,
    by,
    done_on: dt.date,
    text: str,
    reports_done: bool = False,
    files: list[tuple[str, bytes]] = (),
) -> ExecutionNote:
    """An execution note with its evidence; `reports_done` sends the item to its controller for checking."""
    if not item.is_open:
        raise ValidationError("Поручение снято с контроля: отчёт по нему больше не принимается.")
    if not text.strip():
        raise ValidationError({"text": "Опишите, что сделано."})
    # the same checks as execution reports' attachments, all before anything is written
    checked = [
        (name, data, *attachment_check(name, data))
        for name, data in ((PurePath(name).name[:255] or "файл", data) for name, data in files)
    ]
    claim_version(item, None)  # serializes with the controller's decisions on the same item
    note = ExecutionNote.objects.create(
        item=item,
        done_on=done_on,
        text=text.replace("\r\n", "\n").strip(),
        reports_done=reports_done,
        by=by,
    )
    for name, data, suffix, content_type in checked:
        evidence = Evidence(
            note=note,
            original_name=name,
            extension=suffix,
            content_type=content_type,
            size=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
        )
        evidence.file.save(name, ContentFile(data), save=False)
        evidence.save()
    if reports_done and item.status != Status.ON_REVIEW:
        _set_status(item, Status.ON_REVIEW, by=by, reason=note.text)
    _audit(
        item,
        "noted",
        by,
        summary=note.text[:200],
        changes={"evidence": [None, [e.original_name for e in note.evidence.all()]]}
        if checked
        else None,
    )
    return note


def _transition(
    item: ControlItem, new: str, *, by, reason: str, expected_version: int | None, action: str
) -> ControlItem:
    claim_version(item, expected_version)
    old = item.get_status_display()
    _set_status(item, new, by=by, reason=reason)
    _audit(item, action, by, summary=reason, changes={"status": [old, item.get_status_display()]})
    return item


@transaction.atomic
def item_close(
    *, item: ControlItem, by, reason: str, expected_version: int | None = None
) -> ControlItem:
    if not item.is_open:
        raise ValidationError("Поручение уже снято с контроля.")
    reason = _required(reason, "Укажите основание снятия с контроля, например «исполнено».")
    return _transition(
        item,
        Status.CLOSED,
        by=by,
        reason=reason,
        expected_version=expected_version,
        action="closed",
    )


@transaction.atomic
def item_return(
    *, item: ControlItem, by, reason: str, expected_version: int | None = None
) -> ControlItem:
    if item.status != Status.ON_REVIEW:
        raise ValidationError(
            "Вернуть на доработку можно только поручение, исполнение которого на проверке."
        )
    reason = _required(reason, "Укажите, что нужно доработать.")
    return _transition(
        item,
        Status.RETURNED,
        by=by,
        reason=reason,
        expected_version=expected_version,
        action="returned",
    )


def _extend(
    item: ControlItem, *, by, new_deadline: dt.date, reason: str, expected_version: int | None
) -> None:
    if not item.is_open:
        raise ValidationError("Поручение снято с контроля: срок не продлевается.")
    if new_deadline <= item.deadline:
        raise ValidationError(
            {"new_deadline": f"Новый срок должен быть позже нынешнего ({item.deadline:%d.%m.%Y})."}
        )
    claim_version(item, expected_version)
    old_deadline = item.deadline
    item.deadline = new_deadline
    _set_status(item, Status.EXTENDED, by=by, reason=reason)
    _audit(
        item,
        "extended",
        by,
        summary=reason,
        changes={"deadline": [old_deadline.isoformat(), new_deadline.isoformat()]},
    )


@transaction.atomic
def item_extend(
    *,
    item: ControlItem,
    by,
    new_deadline: dt.date,
    reason: str,
    expected_version: int | None = None,
) -> ExtensionRequest:
    """The controller extends the deadline on their own: recorded as a request granted at once."""
    reason = _required(reason, "Укажите причину продления срока.")
    request = ExtensionRequest.objects.create(
        item=item,
        old_deadline=item.deadline,
        new_deadline=new_deadline,
        reason=reason,
        requested_by=by,
        state=ExtensionRequest.State.GRANTED,
        decided_by=by,
        decided=timezone.now(),
    )
    _extend(
        item, by=by, new_deadline=new_deadline, reason=reason, expected_version=expected_version
    )
    return request


@transaction.atomic
def extension_request(
    *, item: ControlItem, by, new_deadline: dt.date, reason: str
) -> ExtensionRequest:
    reason = _required(reason, "Укажите причину, по которой нужен новый срок.")
    if not item.is_open:
        raise ValidationError("Поручение снято с контроля: срок не продлевается.")
    if new_deadline <= item.deadline:
        raise ValidationError(
            {"new_deadline": f"Новый срок должен быть позже нынешнего ({item.deadline:%d.%m.%Y})."}
        )
    # serializes two requests for the same item, so the second meets the message, not the constraint
    claim_version(item, None)
    if item.extension_requests.filter(state=ExtensionRequest.State.PENDING).exists():
        raise ValidationError("Просьба о продлении срока уже ждёт решения контролёра.")
    request = ExtensionRequest.objects.create(
        item=item,
        old_deadline=item.deadline,
        new_deadline=new_deadline,
        reason=reason,
        requested_by=by,
    )
    # only asked for: the deadline is not changed, so the history shows no change of it
    _audit(item, "extension_requested", by, summary=extension_request_summary(request))
    return request


def extension_request_summary(request: ExtensionRequest) -> str:
    return f"Запрошено продление срока до {request.new_deadline:%d.%m.%Y}: {request.reason}"


@transaction.atomic
def extension_decide(
    *, request: ExtensionRequest, by, grant: bool, comment: str = ""
) -> ExtensionRequest:
    if request.state != ExtensionRequest.State.PENDING:
        raise ValidationError("По этой просьбе уже принято решение.")
    item = request.item
    comment = (comment or "").replace("\r\n", "\n").strip()
    if grant:
        # the basis of the change is the controller's decision; the executor's reason stays in the request
        basis = comment or "Просьба исполнителя о продлении срока удовлетворена"
        _extend(
            item,
            by=by,
            new_deadline=request.new_deadline,
            reason=basis,
            expected_version=None,
        )
    else:
        comment = _required(comment, "Укажите, почему в продлении отказано.")
        _audit(item, "extension_refused", by, summary=comment)
    request.state = ExtensionRequest.State.GRANTED if grant else ExtensionRequest.State.REFUSED
    request.decided_by, request.decided, request.decision_comment = by, timezone.now(), comment
    request.save(update_fields=["state", "decided_by", "decided", "decision_comment"])
    return request
