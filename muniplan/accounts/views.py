from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from muniplan.lib.locking import StaleVersion

from . import services
from .access import Role, require_admin, require_member, visible_organizations
from .forms import MemberForm, MembershipForm, UnitForm
from .lockout import locked_usernames
from .models import Membership, Organization, Unit
from .templatetags.people import person


def _organization(user, pk: int, *, admin: bool = False) -> Organization:
    organization = get_object_or_404(Organization, pk=pk)
    require_member(user, organization)
    if admin:
        require_admin(user, organization)
    return organization


def _form_page(
    request: HttpRequest,
    *,
    form,
    organization: Organization,
    heading: str,
    save,
    success,
    theirs=None,
    context: dict | None = None,
) -> HttpResponse:
    """Save the posted form through a service and go back to the organization, or show the form again.

    The service's validation errors land on the form. A save refused as stale keeps the person's values
    and shows the other person's beside them; `theirs` gives the saved object's values in the form's terms.
    """
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except StaleVersion as stale:
            conflict = form.conflict(stale, theirs(stale.current))
        except ValidationError as error:
            form.add_error(None, error)  # a dict of field errors lands on those fields
        else:
            messages.success(request, success(form.cleaned_data))
            return redirect("accounts-organization", pk=organization.pk)
    return render(
        request,
        "accounts/form.html",
        {
            "form": form,
            "organization": organization,
            "heading": heading,
            "conflict": conflict,
            **(context or {}),
        },
    )


@login_required
def organization_list(request: HttpRequest) -> HttpResponse:
    organizations = visible_organizations(request.user).select_related("parent")
    return render(request, "accounts/organization_list.html", {"organizations": organizations})


@login_required
def organization_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organization = _organization(request.user, pk)
    members = (
        organization.memberships.select_related("user__profile")
        .prefetch_related("units")
        .order_by("user__profile__full_name", "user__username")
    )
    return render(
        request,
        "accounts/organization_detail.html",
        {
            "organization": organization,
            "units": organization.units.all(),
            "members": members,
            "is_admin": require_member(request.user, organization) == Role.ADMIN,
            "locked": locked_usernames(m.user.username for m in members),
        },
    )


@login_required
def unit_create(request: HttpRequest, pk: int) -> HttpResponse:
    organization = _organization(request.user, pk, admin=True)
    return _form_page(
        request,
        form=UnitForm(request.POST or None),
        organization=organization,
        heading="Новое подразделение",
        save=lambda d: services.unit_create(
            organization=organization, name=d["name"], kind=d["kind"], by=request.user
        ),
        success=lambda d: "Подразделение добавлено.",
    )


@login_required
def member_create(request: HttpRequest, pk: int) -> HttpResponse:
    organization = _organization(request.user, pk, admin=True)
    return _form_page(
        request,
        form=MemberForm(request.POST or None, organization=organization),
        organization=organization,
        heading="Новый пользователь",
        save=lambda d: services.member_add(
            organization=organization,
            username=d["username"],
            full_name=d["full_name"],
            position=d["position"],
            password=d["password"],
            role=d["role"],
            units=list(d["units"]),
            by=request.user,
        ),
        success=lambda d: f"Пользователь {d['username']} добавлен.",
    )


@login_required
def unit_edit(request: HttpRequest, pk: int) -> HttpResponse:
    unit = get_object_or_404(Unit, pk=pk)
    organization = _organization(request.user, unit.organization_id, admin=True)
    form = UnitForm(request.POST or None, initial=_unit_values(unit))
    return _form_page(
        request,
        form=form,
        organization=organization,
        heading=f"Подразделение «{unit.name}»",
        save=lambda d: services.unit_update(
            unit=unit,
            name=d["name"],
            kind=d["kind"],
            by=request.user,
            expected_version=form.expected_version(),
        ),
        success=lambda d: "Подразделение сохранено.",
        theirs=_unit_values,
    )


def _unit_values(unit: Unit) -> dict:
    return {"name": unit.name, "kind": unit.kind, "version": unit.version}


@login_required
def membership_edit(request: HttpRequest, pk: int) -> HttpResponse:
    membership = get_object_or_404(Membership.objects.select_related("organization", "user"), pk=pk)
    organization = _organization(request.user, membership.organization_id, admin=True)
    form = MembershipForm(
        request.POST or None, organization=organization, initial=_membership_values(membership)
    )
    return _form_page(
        request,
        form=form,
        organization=organization,
        heading=f"Права пользователя {person(membership.user)}",
        save=lambda d: services.membership_update(
            membership=membership,
            role=d["role"],
            units=list(d["units"]),
            by=request.user,
            expected_version=form.expected_version(),
        ),
        success=lambda d: "Права изменены.",
        theirs=_membership_values,
        context={"membership": membership},
    )


def _membership_values(membership: Membership) -> dict:
    return {
        "role": membership.role,
        "units": list(membership.units.all()),
        "version": membership.version,
    }


@login_required
@require_POST
def membership_remove(request: HttpRequest, pk: int) -> HttpResponse:
    membership = get_object_or_404(Membership.objects.select_related("organization", "user"), pk=pk)
    organization = _organization(request.user, membership.organization_id, admin=True)
    if request.POST.get("confirm") != "1":  # one click must not remove a person
        messages.error(request, "Отметьте «Да, исключить», чтобы исключить пользователя.")
        return redirect("accounts-membership-edit", pk=membership.pk)
    try:
        services.membership_remove(membership=membership, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Исключён из организации: {person(membership.user)}.")
    return redirect("accounts-organization", pk=organization.pk)


@login_required
@require_POST
def membership_unlock(request: HttpRequest, pk: int) -> HttpResponse:
    membership = get_object_or_404(Membership.objects.select_related("organization", "user"), pk=pk)
    organization = _organization(request.user, membership.organization_id, admin=True)
    services.member_unlock(membership=membership, by=request.user)
    messages.success(request, f"Вход пользователя {person(membership.user)} разблокирован.")
    return redirect("accounts-organization", pk=organization.pk)
