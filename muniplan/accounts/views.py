from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from . import services
from .access import Role, require_admin, require_member, visible_organizations
from .forms import MemberForm, MembershipForm, UnitForm
from .models import Membership, Organization
from .templatetags.people import person


def _organization(user, pk: int, *, admin: bool = False) -> Organization:
    organization = get_object_or_404(Organization, pk=pk)
    require_member(user, organization)
    if admin:
        require_admin(user, organization)
    return organization


def _save(form, action) -> bool:
    """Run a service with the form's data; its validation errors land on the form."""
    try:
        action(form.cleaned_data)
    except ValidationError as error:
        form.add_error(None, error)  # a dict of field errors lands on those fields
        return False
    return True


@login_required
def organization_list(request: HttpRequest) -> HttpResponse:
    organizations = visible_organizations(request.user).select_related("parent")
    return render(request, "accounts/organization_list.html", {"organizations": organizations})


@login_required
def organization_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organization = _organization(request.user, pk)
    members = (organization.memberships.select_related("user__profile").prefetch_related("units")
               .order_by("user__profile__full_name", "user__username"))
    return render(request, "accounts/organization_detail.html", {
        "organization": organization, "units": organization.units.all(), "members": members,
        "is_admin": require_member(request.user, organization) == Role.ADMIN,
    })


@login_required
def unit_create(request: HttpRequest, pk: int) -> HttpResponse:
    organization = _organization(request.user, pk, admin=True)
    form = UnitForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _save(form, lambda d: services.unit_create(
            organization=organization, name=d["name"], kind=d["kind"], by=request.user)):
        messages.success(request, "Подразделение добавлено.")
        return redirect("accounts-organization", pk=organization.pk)
    return render(request, "accounts/form.html", {"form": form, "organization": organization,
                                                  "heading": "Новое подразделение"})


@login_required
def member_create(request: HttpRequest, pk: int) -> HttpResponse:
    organization = _organization(request.user, pk, admin=True)
    form = MemberForm(request.POST or None, organization=organization)
    if request.method == "POST" and form.is_valid() and _save(form, lambda d: services.member_add(
            organization=organization, username=d["username"], full_name=d["full_name"], position=d["position"],
            password=d["password"],
            role=d["role"], units=list(d["units"]), by=request.user)):
        messages.success(request, f"Пользователь {form.cleaned_data['username']} добавлен.")
        return redirect("accounts-organization", pk=organization.pk)
    return render(request, "accounts/form.html", {"form": form, "organization": organization,
                                                  "heading": "Новый пользователь"})


@login_required
def membership_edit(request: HttpRequest, pk: int) -> HttpResponse:
    membership = get_object_or_404(Membership.objects.select_related("organization", "user"), pk=pk)
    organization = _organization(request.user, membership.organization_id, admin=True)
    form = MembershipForm(request.POST or None, organization=organization,
                          initial={"role": membership.role, "units": list(membership.units.all())})
    if request.method == "POST" and form.is_valid() and _save(form, lambda d: services.membership_update(
            membership=membership, role=d["role"], units=list(d["units"]), by=request.user)):
        messages.success(request, "Права изменены.")
        return redirect("accounts-organization", pk=organization.pk)
    return render(request, "accounts/form.html", {"form": form, "organization": organization,
                                                  "heading": f"Права пользователя {person(membership.user)}"})
