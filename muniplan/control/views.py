from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from muniplan.accounts.models import Unit
from muniplan.accounts.templatetags.people import person
from muniplan.audit.models import AuditEntry
from muniplan.lib.locking import StaleVersion, conflict_rows
from muniplan.resolutions.models import Addressee, Recommendation

from . import feeds, services
from .access import (
    can_report,
    get_evidence_for_user,
    get_item_for_user,
    get_resolution_for_user,
    is_admin,
    is_controller,
    require_admin_of,
    require_controller,
    require_reporter,
)
from .feeds import feed_units
from .forms import (
    CloseForm,
    ControlForm,
    DecisionForm,
    ExtendForm,
    ExtensionRequestForm,
    ItemForm,
    NoteForm,
    PlanTargetForm,
    RecommendationControlForm,
    ReturnForm,
)
from .models import CalendarFeed, ControlItem, ExtensionRequest
from .reminders import digest_for
from .selectors import follow_up, items_visible_to


def _run(form, action) -> tuple[bool, object]:
    """Run a service; its validation errors land on the form (field errors on their fields)."""
    try:
        return True, action()
    except ValidationError as error:
        if not hasattr(error, "error_dict"):
            form.add_error(None, error)
        for name, errors in getattr(error, "error_dict", {}).items():
            form.add_error(name if name in form.fields else None, errors)
        return False, None


# --- lists and the follow-up page -------------------------------------------------------------


@login_required
def item_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "open")
    return render(
        request,
        "control/item_list.html",
        {
            "items": items_visible_to(request.user, status=status)[:500],
            "status": status,
            "statuses": ControlItem.Status.choices,
            "today": timezone.localdate(),
        },
    )


@login_required
def resolution_follow_up(request: HttpRequest, pk: int) -> HttpResponse:
    resolution = get_resolution_for_user(request.user, pk)
    organization = resolution.organization
    admin = is_admin(request.user, organization)
    groups = follow_up(resolution, lambda a: services.is_own_addressee(a, organization))
    return render(
        request,
        "control/follow_up.html",
        {
            "resolution": resolution,
            "groups": groups,
            "is_admin": admin,
            "today": timezone.localdate(),
            "control_form": ControlForm(
                organization=organization, initial={"controller": request.user.pk}
            )
            if admin
            else None,
            "plan_form": PlanTargetForm(
                organization=organization, initial={"year": timezone.localdate().year}
            )
            if admin
            else None,
            "total": sum(len(g.recommendations) for g in groups),
            "pending": sum(
                1 for g in groups for r in g.recommendations if not hasattr(r, "control_item")
            ),
        },
    )


@login_required
@require_POST
def resolution_control(request: HttpRequest, pk: int) -> HttpResponse:
    resolution = get_resolution_for_user(request.user, pk)
    return _admin_action(
        request,
        resolution,
        ControlForm,
        f"Поставить на контроль: {resolution}",
        lambda data: services.resolution_control(resolution=resolution, by=request.user, **data),
        "Поставлено на контроль рекомендаций: {}.",
    )


@login_required
def recommendation_control(request: HttpRequest, pk: int) -> HttpResponse:
    recommendation = get_object_or_404(
        Recommendation.objects.select_related("addressee__resolution"), pk=pk
    )
    resolution = get_resolution_for_user(request.user, recommendation.addressee.resolution_id)
    unit = services.addressee_unit(recommendation)
    return _admin_action(
        request,
        resolution,
        partial(RecommendationControlForm, addressee=recommendation.addressee.name),
        f"Поставить на контроль рекомендацию {recommendation.number}",
        lambda data: [
            services.recommendation_control(recommendation=recommendation, by=request.user, **data)
        ],
        "Поставлено на контроль рекомендаций: {}.",
        quote=recommendation.text,
        initial={"executor_unit": unit.pk if unit else None},
    )


@login_required
@require_POST
def addressee_to_plan(request: HttpRequest, pk: int) -> HttpResponse:
    addressee = get_object_or_404(Addressee.objects.select_related("resolution"), pk=pk)
    resolution = get_resolution_for_user(request.user, addressee.resolution_id)
    return _admin_action(
        request,
        resolution,
        PlanTargetForm,
        f"Включить в план рекомендации: {addressee.name}",
        lambda data: services.recommendations_to_plan(addressee=addressee, by=request.user, **data),
        "В план включено мероприятий: {}.",
    )


def _admin_action(
    request,
    resolution,
    form_class,
    heading: str,
    action,
    done: str,
    quote: str = "",
    initial: dict | None = None,
) -> HttpResponse:
    """An administrator's form about a resolution: on success back to its follow-up page with a count."""
    require_admin_of(request.user, resolution.organization)
    form = form_class(
        request.POST or None,
        organization=resolution.organization,
        initial={"controller": request.user.pk, **(initial or {})},
    )
    if request.method == "POST" and form.is_valid():
        ok, created = _run(form, lambda: action(form.cleaned_data))
        if ok:
            messages.success(request, done.format(len(created)))
            return redirect("control-follow-up", pk=resolution.pk)
    return render(
        request,
        "control/form.html",
        {
            "form": form,
            "heading": heading,
            "quote": quote,
            "organization": resolution.organization,
            "back": reverse("control-follow-up", args=[resolution.pk]),
        },
    )


# --- one item --------------------------------------------------------------------------------


def _item_page(request, item: ControlItem, **forms) -> HttpResponse:
    controller, reporter = is_controller(request.user, item), can_report(request.user, item)
    version = {"version": item.version}
    context = {
        "item": item,
        "today": timezone.localdate(),
        "is_admin": is_admin(request.user, item.organization),
        "is_controller": controller,
        "can_report": reporter and item.is_open,
        # one request at a time: while one waits for the controller, no form to ask again
        # (a refused one is shown with its errors, so the person reads why)
        "can_request": "request_form" in forms
        or (
            reporter
            and item.is_open
            and not controller
            and not item.extension_requests.filter(state=ExtensionRequest.State.PENDING).exists()
        ),
        "changes": item.status_changes.select_related("by"),
        "notes": item.notes.select_related("by").prefetch_related("evidence"),
        "requests": item.extension_requests.select_related("requested_by", "decided_by"),
        "history": AuditEntry.objects.filter(
            object_type="controlitem", object_id=item.pk
        ).select_related("actor"),
        "note_form": NoteForm(initial={"done_on": timezone.localdate()}),
        "request_form": ExtensionRequestForm(),
        "close_form": CloseForm(initial=version, prefix="close"),
        "return_form": ReturnForm(initial=version, prefix="return"),
        "extend_form": ExtendForm(initial=version, prefix="extend"),
        "decision_form": DecisionForm(),
    }
    context.update(forms)
    return render(request, "control/item_detail.html", context, status=400 if forms else 200)


@login_required
def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _item_page(request, get_item_for_user(request.user, pk))


@login_required
def item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_item_for_user(request.user, pk)
    require_admin_of(request.user, item.organization)
    initial = {
        "text": item.text,
        "executor_unit": item.executor_unit_id,
        "executor_text": item.executor_text,
        "controller": item.controller_id,
        "deadline": item.deadline,
        "version": item.version,
    }
    form = ItemForm(request.POST or None, organization=item.organization, initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            ok, _ = _run(
                form,
                lambda: services.item_update(
                    item=item, by=request.user, expected_version=form.expected_version(), **data
                ),
            )
        except StaleVersion as stale:
            conflict = conflict_rows(
                theirs=services.item_snapshot(stale.current),
                # as the snapshot has them (conflict_rows writes dates as «01.02.2027» itself)
                mine={
                    **data,
                    "instruction": data["text"],
                    "controller": person(data["controller"]) if data["controller"] else None,
                },
                labels=ItemForm.LABELS,
            )
            form.show_conflict(stale)
        else:
            if ok:
                messages.success(request, "Изменения сохранены.")
                return redirect(item)
    return render(
        request, "control/item_form.html", {"form": form, "item": item, "conflict": conflict}
    )


@login_required
@require_POST
def note_add(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_item_for_user(request.user, pk)
    require_reporter(request.user, item)
    form = NoteForm(request.POST, request.FILES)
    if (
        form.is_valid()
        and _run(
            form,
            lambda: services.note_add(
                item=item,
                by=request.user,
                done_on=form.cleaned_data["done_on"],
                text=form.cleaned_data["text"],
                reports_done=form.cleaned_data["reports_done"],
                files=[(f.name, f.read()) for f in form.cleaned_data["files"]],
            ),
        )[0]
    ):
        messages.success(request, "Отчёт об исполнении добавлен.")
        return redirect(item)
    return _item_page(request, item, note_form=form)


# The controller's decisions: form class, service and the message on success, by the URL's name for them.
CONTROLLER_ACTIONS = {
    "close": (CloseForm, services.item_close, "Поручение снято с контроля."),
    "return": (ReturnForm, services.item_return, "Поручение возвращено на доработку."),
    "extend": (ExtendForm, services.item_extend, "Срок продлён."),
}


@login_required
@require_POST
def item_decide(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    item = get_item_for_user(request.user, pk)
    require_controller(request.user, item)
    form_class, service, done = CONTROLLER_ACTIONS[action]
    form = form_class(request.POST, prefix=action)
    if form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            ok, _ = _run(
                form,
                lambda: service(
                    item=item, by=request.user, expected_version=form.expected_version(), **data
                ),
            )
        except StaleVersion as stale:
            form.show_conflict(stale)
            item = stale.current
        else:
            if ok:
                messages.success(request, done)
                return redirect(item)
    return _item_page(request, item, **{f"{action}_form": form})


@login_required
@require_POST
def extension_request(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_item_for_user(request.user, pk)
    require_reporter(request.user, item)
    form = ExtensionRequestForm(request.POST)
    if (
        form.is_valid()
        and _run(
            form,
            lambda: services.extension_request(item=item, by=request.user, **form.cleaned_data),
        )[0]
    ):
        messages.success(request, "Просьба о продлении срока направлена контролёру.")
        return redirect(item)
    return _item_page(request, item, request_form=form)


@login_required
@require_POST
def extension_decide(request: HttpRequest, pk: int) -> HttpResponse:
    extension = get_object_or_404(ExtensionRequest, pk=pk)
    item = get_item_for_user(request.user, extension.item_id)
    require_controller(request.user, item)
    extension.item = item
    form = DecisionForm(request.POST)
    grant = request.POST.get("decision") == "grant"
    if (
        form.is_valid()
        and _run(
            form,
            lambda: services.extension_decide(
                request=extension,
                by=request.user,
                grant=grant,
                comment=form.cleaned_data["comment"],
            ),
        )[0]
    ):
        messages.success(request, "Срок продлён." if grant else "В продлении срока отказано.")
        return redirect(item)
    return _item_page(request, item, decision_form=form)


@login_required
def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    evidence = get_evidence_for_user(request.user, pk)
    if not evidence.file:
        raise PermissionDenied
    return FileResponse(
        evidence.file.open("rb"),
        as_attachment=True,
        filename=evidence.original_name,
        content_type=evidence.content_type,
    )


# --- a person's dates and calendar feeds ------------------------------------------------------


def _feed_unit(request) -> Unit | None:
    unit_id = request.POST.get("unit")
    if not unit_id:
        return None
    unit = next((u for u in feed_units(request.user) if str(u.pk) == unit_id), None)
    if unit is None:
        raise Http404
    return unit


@login_required
def me(request: HttpRequest) -> HttpResponse:
    """«Мои сроки»: what the person's units have due and overdue, and the addresses of their calendars."""
    feeds = {f.unit_id: f for f in CalendarFeed.objects.filter(user=request.user)}
    return render(
        request,
        "control/me.html",
        {
            "digest": digest_for(request.user, as_of=timezone.localdate()),
            "personal": feeds.get(None),
            "units": [(u, feeds.get(u.pk)) for u in feed_units(request.user)],
            "site": request.build_absolute_uri("/").rstrip(
                "/"
            ),  # the address the person is using now
        },
    )


@login_required
@require_POST
def feed_regenerate(request: HttpRequest) -> HttpResponse:
    feeds.feed_regenerate(user=request.user, unit=_feed_unit(request))
    messages.success(request, "Создан новый адрес календаря; прежний адрес больше не действует.")
    return redirect("control-me")


@login_required
@require_POST
def feed_revoke(request: HttpRequest) -> HttpResponse:
    feeds.feed_revoke(user=request.user, unit=_feed_unit(request))
    messages.success(request, "Адрес календаря отозван.")
    return redirect("control-me")


def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The calendar program's request: the secret token is the only credential; any doubt is a 404."""
    calendar_feed = get_object_or_404(
        CalendarFeed.objects.select_related("user", "unit__organization"), token=token
    )
    lines = feeds.feed_lines(calendar_feed, timezone.localdate())
    name = f"MuniPlan: {calendar_feed.unit or 'мои сроки'}"
    return HttpResponse(
        feeds.feed_calendar(lines, name), content_type="text/calendar; charset=utf-8"
    )
