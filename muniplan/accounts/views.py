from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.messages.views import SuccessMessageMixin
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.views.decorators.http import require_POST

from muniplan.lib.locking import StaleVersion

from . import services
from .access import Role, memberships, require_admin, require_member, visible_organizations
from .forms import MemberForm, MembershipForm, PasswordForm, ProfileForm, UnitForm
from .lockout import locked_usernames
from .models import Membership, Organization, Profile, Unit
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
    heading: str,
    save,
    success,
    organization: Organization | None = None,
    done: str | None = None,
    template: str = "accounts/form.html",
    theirs=None,
    context: dict | None = None,
) -> HttpResponse:
    """Save the posted form through a service and go to `done` (the organization's page unless
    given), or show the form again.

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
            return redirect(done or reverse("accounts-organization", args=[organization.pk]))
    return render(
        request,
        template,
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
            email=d["email"],
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


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    """«Мой профиль»: the signed-in person's own name, position and e-mail; nobody else's."""
    user = request.user
    form = ProfileForm(request.POST or None, initial=_profile_values(user))
    return _form_page(
        request,
        form=form,
        heading="Мой профиль",
        save=lambda d: services.profile_update(
            user=user,
            full_name=d["full_name"],
            position=d["position"],
            email=d["email"],
            by=user,
            expected_version=form.expected_version(),
        ),
        success=lambda d: "Сведения о вас сохранены.",
        done=reverse("accounts-profile"),
        template="accounts/profile.html",
        theirs=lambda profile: _profile_values(profile.user),
        context={
            "memberships": sorted(memberships(user).values(), key=lambda m: m.organization.name)
        },
    )


def _profile_values(user) -> dict:
    """The form's values for `user`; a login with no profile yet starts from its Django name."""
    try:
        profile = user.profile
    except Profile.DoesNotExist:
        return {"full_name": user.get_full_name(), "email": user.email, "version": 1}
    return {
        "full_name": profile.full_name,
        "position": profile.position,
        "email": user.email,
        "version": profile.version,
    }


class PasswordChangeView(SuccessMessageMixin, auth_views.PasswordChangeView):
    """Django's password change (it keeps this session signed in), on the product's page."""

    form_class = PasswordForm
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts-profile")
    success_message = "Пароль изменён. Другие сеансы входа с этим логином завершены."
