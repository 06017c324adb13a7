from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.backends.utils import csrf_input
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from muniplan.accounts.access import (
    Role,
    administered_organizations,
    administers_any,
    editor_unit_ids,
    role_in,
    visible_organizations,
)
from muniplan.accounts.models import Unit
from muniplan.audit.models import AuditEntry
from muniplan.documents.layouts import LAYOUTS, get_layout
from muniplan.documents.page_table import page_table
from muniplan.execution.selectors import activity_execution_context, attach_statuses
from muniplan.lib.locking import StaleVersion

from . import bin, rollover, services
from .access import (
    activity_change_checker,
    can_add_activities,
    get_activity_for_user,
    get_admin_plan_for_user,
    get_bin_entry_for_user,
    get_plan_for_user,
    get_rw_activity_for_user,
    get_rw_plan_for_user,
    get_section_for_user,
    parents_for,
    units_out_of_reach,
)
from .forms import ActivityForm, ApproveForm, MoveForm, PlanForm, ReopenForm, SectionForm
from .models import MONTH_SHORT, Plan
from .selectors import (
    ActivityFilter,
    approval_warnings,
    calendar,
    next_number,
    plan_rows,
    plan_units,
    plan_years_visible_to,
    plans_visible_to,
)

# Beyond the database's integer range a number names no row, and SQLite cannot even compare with it.
_LARGEST_ID = 2**63 - 1


def _int(value) -> int | None:
    """A whole number from a query parameter: None when absent or not a number, 404 when larger than
    any id (a hand-edited address), never a server error."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    if abs(number) > _LARGEST_ID:
        raise Http404("Не найдено.")
    return number


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    organization, year, status = (
        _int(request.GET.get("org")),
        _int(request.GET.get("year")),
        request.GET.get("status", ""),
    )
    plans = plans_visible_to(request.user, organization=organization, year=year, status=status)
    return render(
        request,
        "plans/plan_list.html",
        {
            "plans": plans,
            "organizations": visible_organizations(request.user),
            "years": plan_years_visible_to(request.user),
            "statuses": Plan.Status.choices,
            "selected": {"org": organization, "year": year, "status": status},
            "can_create": administers_any(request.user),
        },
    )


@login_required
def plan_create(request: HttpRequest) -> HttpResponse:
    organizations = administered_organizations(request.user)
    if not organizations.exists():
        raise PermissionDenied("Создавать планы может только администратор организации.")
    form = PlanForm(
        request.POST or None,
        organizations=organizations,
        initial={"year": timezone.localdate().year + 1},
    )
    if form.is_valid():
        d = form.cleaned_data
        plan = services.plan_create(
            organization=d["organization"],
            year=d["year"],
            title=d["title"],
            notes=d["notes"],
            by=request.user,
        )
        return redirect("plans-detail", pk=plan.pk)
    return render(request, "plans/plan_form.html", {"form": form})


def _ids(value: str | None) -> set[int] | None:
    """The ids a page listed («3,4,7»), None when it listed nothing to compare with."""
    if value is None:
        return None
    return {number for part in value.split(",") if (number := _int(part)) is not None}


def _activity_filter(request: HttpRequest) -> ActivityFilter:
    return ActivityFilter(
        section=_int(request.GET.get("section")),
        unit=_int(request.GET.get("unit")),
        month=_int(request.GET.get("month"))
        if _int(request.GET.get("month")) in range(1, 13)
        else None,
        review=request.GET.get("review") == "1",
        text=request.GET.get("q", "").strip()[:200],
    )


def _plan_context(request: HttpRequest, plan: Plan) -> dict:
    f = _activity_filter(request)
    # read once for both the table and, when it is filtered, the list of every section
    prefetch_related_objects([plan], "sections")
    rows = plan_rows(plan, f)
    can_change = activity_change_checker(request.user, plan)
    for row in rows:
        for activity in row.activities:
            activity.can_change = can_change(activity)
    attach_statuses([a for r in rows for a in r.activities], as_of=timezone.localdate())
    role = role_in(request.user, plan.organization)
    return {
        "plan": plan,
        "rows": rows,
        "filter": f,
        "units": plan_units(plan),
        "months": MONTH_SHORT,
        "role": role,
        "is_admin": role == Role.ADMIN,
        "as_of": timezone.localdate(),
        "can_add": can_add_activities(request.user, plan),
        "activity_count": sum(len(r.activities) for r in rows),
        "review_count": sum(
            1 for r in rows for a in r.activities if a.period_needs_review or a.needs_review
        ),
        "sections": [r.section for r in rows] if not f.active else list(plan.sections.all()),
    }


@login_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, pk)
    context = _plan_context(request, plan)
    context["approve_form"] = ApproveForm(initial={"approved_on": timezone.localdate()})
    if context["is_admin"] and plan.is_editable:
        context["approval_warnings"] = approval_warnings(plan)
    context["reopen_form"] = ReopenForm()
    context["reopenings"] = plan.reopenings.select_related("by__profile")
    context["layout"] = layout = get_layout(None, plan.organization)
    context["bands"] = page_table(context["rows"], layout, context["filter"].text)
    context["csrf_input"] = csrf_input(request)  # made once for the rows' hundreds of forms
    context["layouts"] = LAYOUTS.values()
    return render(request, "plans/plan_detail.html", context)


@login_required
def plan_grid(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, pk)
    return render(request, "plans/plan_grid.html", _plan_context(request, plan))


@login_required
def plan_timeline(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, pk)
    context = _plan_context(request, plan)
    context["calendar"] = calendar(context["rows"])
    return render(request, "plans/plan_timeline.html", context)


@login_required
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_rw_plan_for_user(request.user, pk)
    form = PlanForm(request.POST or None, instance=plan, initial={"version": plan.version})
    conflict = None
    if request.method == "POST" and form.is_valid():
        plan.refresh_from_db()  # the form wrote into the instance; the service records old → new
        d = form.cleaned_data
        try:
            services.plan_update(
                plan=plan,
                by=request.user,
                title=d["title"],
                year=d["year"],
                notes=d["notes"],
                expected_version=form.expected_version(),
            )
        except StaleVersion as stale:
            conflict = form.conflict(
                stale, {n: getattr(stale.current, n) for n in ("title", "year", "notes")}
            )
        else:
            messages.success(request, "План сохранён.")
            return redirect("plans-detail", pk=plan.pk)
    return render(
        request, "plans/plan_form.html", {"form": form, "plan": plan, "conflict": conflict}
    )


def _run(request: HttpRequest, action, success: str) -> bool:
    try:
        action()
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return False
    messages.success(request, success)
    return True


@login_required
@require_POST
def plan_approve(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_admin_plan_for_user(request.user, pk)
    form = ApproveForm(request.POST)
    if not form.is_valid():
        for name in form.errors:
            messages.error(request, f"{form.fields[name].label}: {' '.join(form.errors[name])}")
        return redirect("plans-detail", pk=plan.pk)
    _run(
        request,
        lambda: services.plan_approve(
            plan=plan,
            by=request.user,
            decision=form.cleaned_data["decision"],
            approved_on=form.cleaned_data["approved_on"],
        ),
        "План утверждён. Изменения теперь возможны только после открытия плана администратором.",
    )
    return redirect("plans-detail", pk=plan.pk)


@login_required
@require_POST
def plan_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_admin_plan_for_user(request.user, pk)
    form = ReopenForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    _run(
        request,
        lambda: services.plan_reopen(plan=plan, by=request.user, reason=reason),
        "План открыт для изменений; открытие записано в историю.",
    )
    return redirect("plans-detail", pk=plan.pk)


@login_required
@require_POST
def plan_archive(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_admin_plan_for_user(request.user, pk)
    _run(
        request,
        lambda: services.plan_archive(plan=plan, by=request.user),
        "План перенесён в архив.",
    )
    return redirect("plans-detail", pk=plan.pk)


@login_required
@require_POST
def plan_rollover(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_admin_plan_for_user(request.user, pk)
    second = request.POST.get("second") == "1"
    if rollover.plans_of_next_year(plan) and not (second and request.POST.get("confirm") == "1"):
        if second:
            messages.error(
                request, f"Отметьте, что второй план на {plan.year + 1} год действительно нужен."
            )
        return redirect("plans-rollover-occupied", pk=plan.pk)
    try:
        new_plan = rollover.plan_rollover(plan=plan, by=request.user, second=second)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("plans-detail", pk=plan.pk)
    messages.success(request, f"Создан проект плана на {new_plan.year} год. Проверьте изменения.")
    return redirect("plans-rollover-review", pk=new_plan.pk)


@login_required
def plan_rollover_occupied(request: HttpRequest, pk: int) -> HttpResponse:
    """The next year already has a plan: show it and let the administrator choose what to do."""
    plan = get_admin_plan_for_user(request.user, pk)
    existing = rollover.plans_of_next_year(plan)
    if not existing:
        return redirect("plans-detail", pk=plan.pk)
    return render(
        request,
        "plans/rollover_occupied.html",
        {
            "plan": plan,
            "year": plan.year + 1,
            "existing": [
                (p, p.activities.count(), len(rollover.rollover_missing(plan=plan, target=p)))
                for p in existing
            ],
        },
    )


@login_required
def plan_rollover_missing(request: HttpRequest, pk: int, target: int) -> HttpResponse:
    """The activities the next year's plan lacks, for review; the ticked ones are copied into it."""
    plan = get_admin_plan_for_user(request.user, pk)
    target_plan = get_admin_plan_for_user(request.user, target)
    if target_plan.organization_id != plan.organization_id or target_plan.year != plan.year + 1:
        raise Http404("Не найдено.")
    missing = rollover.rollover_missing(plan=plan, target=target_plan)
    if request.method == "POST":
        ticked = {_int(value) for value in request.POST.getlist("activity")}
        chosen = [a for a in missing if a.pk in ticked]
        if not chosen:
            messages.error(request, "Отметьте мероприятия, которые нужно добавить.")
        elif _run(
            request,
            lambda: rollover.plan_rollover_missing(
                plan=plan, target=target_plan, activities=chosen, by=request.user
            ),
            f"В план на {target_plan.year} год добавлено мероприятий: {len(chosen)}.",
        ):
            return redirect("plans-detail", pk=target_plan.pk)
    return render(
        request,
        "plans/rollover_missing.html",
        {"plan": plan, "target": target_plan, "missing": missing},
    )


@login_required
def plan_rollover_review(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, pk)
    return render(
        request,
        "plans/rollover_review.html",
        {
            "plan": plan,
            "changes": rollover.rollover_changes(plan),
            "source": plan.source_plan,
            "copied": plan.activities.exclude(source_activity=None).count(),
            "carried": rollover.carried_over(plan),
        },
    )


@login_required
def plan_history(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, pk)
    entries = AuditEntry.objects.filter(plan_id=plan.pk).select_related("actor__profile")[:500]
    return render(
        request,
        "plans/plan_history.html",
        {
            "plan": plan,
            "entries": entries,
            "is_admin": role_in(request.user, plan.organization) == Role.ADMIN,
        },
    )


@login_required
def plan_bin(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_admin_plan_for_user(request.user, pk)
    entries = plan.bin_entries.select_related("deleted_by").defer("rows")
    for entry in entries:
        entry.purge_after = entry.deleted_at + dt.timedelta(days=bin.BIN_DAYS)
    return render(
        request,
        "plans/plan_bin.html",
        {"plan": plan, "entries": entries, "is_admin": True, "bin_days": bin.BIN_DAYS},
    )


@login_required
@require_POST
def bin_restore(request: HttpRequest, pk: int) -> HttpResponse:
    entry = get_bin_entry_for_user(request.user, pk)
    _run(
        request,
        lambda: bin.bin_restore(entry=entry, by=request.user),
        f"Восстановлено: «{entry.summary}».",
    )
    return redirect("plans-bin", pk=entry.plan_id)


# --- sections --------------------------------------------------------------------------------


@login_required
def section_create(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_rw_plan_for_user(request.user, pk)
    form = SectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.section_create(plan=plan, title=form.cleaned_data["title"], by=request.user)
        return redirect("plans-detail", pk=plan.pk)
    return render(request, "plans/section_form.html", {"form": form, "plan": plan})


@login_required
def section_edit(request: HttpRequest, pk: int) -> HttpResponse:
    section = get_section_for_user(request.user, pk)
    plan = get_rw_plan_for_user(request.user, section.plan_id)
    form = SectionForm(
        request.POST or None, initial={"title": section.title, "version": section.version}
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.section_update(
                section=section,
                title=form.cleaned_data["title"],
                by=request.user,
                expected_version=form.expected_version(),
            )
        except StaleVersion as stale:
            conflict = form.conflict(stale, {"title": stale.current.title})
        else:
            return redirect("plans-detail", pk=plan.pk)
    return render(
        request,
        "plans/section_form.html",
        {"form": form, "plan": plan, "section": section, "conflict": conflict},
    )


@login_required
def section_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """A confirmation that names what goes to the bin with the section; the POST sends it there."""
    section = get_section_for_user(request.user, pk)
    plan = get_rw_plan_for_user(request.user, section.plan_id)
    if request.method == "POST":
        try:
            services.section_delete(
                section=section,
                by=request.user,
                expected_version=_int(request.POST.get("version")),
                expected_activities=_ids(request.POST.get("listed")),
            )
        except StaleVersion:
            messages.error(
                request,
                "Пока вы смотрели эту страницу, другой пользователь изменил раздел или его "
                "мероприятия. Проверьте, что будет удалено, и подтвердите ещё раз.",
            )
            return redirect("plans-section-delete", pk=section.pk)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                f"Раздел перемещён в корзину вместе с мероприятиями; администратор может "
                f"восстановить его в течение {bin.BIN_DAYS} дней.",
            )
        return redirect("plans-detail", pk=plan.pk)
    rows = plan_rows(plan, ActivityFilter(section=section.pk))
    try:
        along, refusal = bin.bin_takes_along(section), ""
    except ValidationError as error:
        along, refusal = {}, " ".join(error.messages)
    return render(
        request,
        "plans/section_confirm_delete.html",
        {
            "section": section,
            "plan": plan,
            "activities": rows[0].activities if rows else [],
            "along": along,
            "refusal": refusal,
            "bin_days": bin.BIN_DAYS,
        },
    )


@login_required
@require_POST
def section_move(request: HttpRequest, pk: int) -> HttpResponse:
    section = get_section_for_user(request.user, pk)
    plan = get_rw_plan_for_user(request.user, section.plan_id)
    sections = list(plan.sections.all())
    index = next(i for i, s in enumerate(sections) if s.pk == section.pk)
    delta = -1 if request.POST.get("direction") == "up" else 1
    services.section_move(section=section, position=max(0, index + delta), by=request.user)
    return redirect("plans-detail", pk=plan.pk)


# --- activities ------------------------------------------------------------------------------


def _units_for_form(user, plan: Plan):
    units = Unit.objects.filter(organization=plan.organization)
    if role_in(user, plan.organization) == Role.EDITOR:
        units = units.filter(pk__in=editor_unit_ids(user, plan.organization))
    return units


@login_required
def activity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_activity_for_user(request.user, pk)
    history = AuditEntry.objects.filter(activity_id=activity.pk).select_related("actor__profile")
    return render(
        request,
        "plans/activity_detail.html",
        {
            "activity": activity,
            "plan": activity.plan,
            "history": history,
            "can_change": activity_change_checker(request.user, activity.plan)(activity),
            "children": activity.children.all(),
            "copies": activity.copies.select_related("plan"),
            **activity_execution_context(request.user, activity, as_of=timezone.localdate()),
        },
    )


@login_required
def activity_create(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, pk)
    if not can_add_activities(request.user, plan):
        raise PermissionDenied("Добавлять мероприятия в этот план вы не можете.")
    units = _units_for_form(request.user, plan)
    is_editor = role_in(request.user, plan.organization) == Role.EDITOR
    parents = parents_for(request.user, plan)
    parent = parents.filter(pk=_int(request.GET.get("parent"))).first()
    form = ActivityForm(
        request.POST or None,
        plan=plan,
        units=units,
        initial={
            "section": parent.section_id if parent else _int(request.GET.get("section")),
            "parent": parent,
            "number": next_number(plan, parent),
            "responsible_units": list(units) if is_editor and len(units) == 1 else [],
        },
    )
    form.fields["parent"].queryset = parents
    if is_editor:
        form.fields["responsible_units"].required = True
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            activity = services.activity_create(
                section=d["section"], parent=d["parent"], by=request.user, data=form.to_input()
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Мероприятие добавлено.")
            return redirect(reverse("plans-detail", args=[plan.pk]) + f"#a{activity.pk}")
    return render(request, "plans/activity_form.html", {"form": form, "plan": plan})


@login_required
def activity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_rw_activity_for_user(request.user, pk)
    plan = activity.plan
    units = _units_for_form(request.user, plan)
    kept_units, conflict = units_out_of_reach(request.user, activity), None

    def values(saved):  # as this person's form shows them: an editor's lists only their own units
        shown = ActivityForm.initial_for(saved)
        shown["responsible_units"] = [u for u in shown["responsible_units"] if u in units]
        return shown

    form = ActivityForm(request.POST or None, plan=plan, units=units, initial=values(activity))
    form.fields["section"].disabled = form.fields["parent"].disabled = (
        True  # moving is its own action
    )
    if request.method == "POST" and form.is_valid():
        data = form.to_input()
        data.responsible_units += kept_units  # an editor's form lists only their own units
        try:
            services.activity_update(
                activity=activity,
                by=request.user,
                data=data,
                expected_version=form.expected_version(),
            )
        except StaleVersion as stale:
            conflict = form.conflict(stale, values(stale.current))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Изменения сохранены.")
            return redirect("plans-activity-detail", pk=activity.pk)
    move_form = MoveForm(
        plan=plan,
        initial={"section": activity.section_id, "position": _sibling_index(activity) + 1},
    )
    return render(
        request,
        "plans/activity_form.html",
        {
            "form": form,
            "plan": plan,
            "activity": activity,
            "move_form": move_form,
            "kept_units": kept_units,
            "conflict": conflict,
        },
    )


@login_required
def activity_delete(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_rw_activity_for_user(request.user, pk, with_children=True)
    if request.method == "POST":
        plan_pk = activity.plan_id
        if _run(
            request,
            lambda: services.activity_delete(activity=activity, by=request.user),
            f"Мероприятие перемещено в корзину; администратор может восстановить его в течение {bin.BIN_DAYS} дней.",
        ):
            return redirect("plans-detail", pk=plan_pk)
        return redirect("plans-activity-detail", pk=activity.pk)
    return render(
        request,
        "plans/activity_confirm_delete.html",
        {
            "activity": activity,
            "plan": activity.plan,
            "children": activity.children.all(),
            "bin_days": bin.BIN_DAYS,
        },
    )


@login_required
@require_POST
def activity_move(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_rw_activity_for_user(request.user, pk, with_children=True)
    plan = activity.plan
    direction = request.POST.get("direction")
    if direction in ("up", "down"):
        section, position = (
            activity.section,
            _sibling_index(activity) + (-1 if direction == "up" else 1),
        )
    else:
        form = MoveForm(request.POST, plan=plan)
        if not form.is_valid():
            messages.error(request, "Укажите раздел и позицию.")
            return redirect("plans-activity-edit", pk=activity.pk)
        section, position = form.cleaned_data["section"], form.cleaned_data["position"] - 1
    _run(
        request,
        lambda: services.activity_move(
            activity=activity, section=section, position=position, by=request.user
        ),
        "Мероприятие перемещено.",
    )
    return redirect(reverse("plans-detail", args=[plan.pk]) + f"#a{activity.pk}")


def _sibling_index(activity) -> int:
    siblings = list(
        activity.section.activities.filter(parent=activity.parent_id).values_list("pk", flat=True)
    )
    return max(0, siblings.index(activity.pk))
