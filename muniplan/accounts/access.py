"""Who may see and change what. Every view goes through these helpers; none queries plans directly.

Rules:
- a federal administrator (administrator of a federal organization) sees and administers everything;
- a member of an organization sees its plans; an administrator changes them all;
- an editor changes the activities of their own units while the plan is a draft;
- a viewer only reads.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from .models import Membership, Organization

Role = Membership.Role


def memberships(user) -> dict[int, Membership]:
    """The user's memberships by organization, read once per request (cached on the user object)."""
    cached = getattr(user, "_muniplan_memberships", None)
    if cached is None:
        rows = (
            Membership.objects.filter(user=user)
            .select_related("organization")
            .prefetch_related("units")
        )
        cached = {m.organization_id: m for m in rows}
        user._muniplan_memberships = cached
    return cached


def is_federal_admin(user) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return any(
        m.role == Role.ADMIN and m.organization.kind == Organization.Kind.FEDERAL
        for m in memberships(user).values()
    )


def visible_organizations(user) -> QuerySet[Organization]:
    if not user.is_authenticated:
        return Organization.objects.none()
    if is_federal_admin(user):
        return Organization.objects.all()
    return Organization.objects.filter(memberships__user=user).distinct()


def role_in(user, organization: Organization) -> str | None:
    """The user's role in this organization, or None when they have no business there."""
    if not user.is_authenticated:
        return None
    if is_federal_admin(user):
        return Role.ADMIN
    membership = memberships(user).get(organization.pk)
    return membership.role if membership else None


def editor_unit_ids(user, organization: Organization) -> set[int]:
    membership = memberships(user).get(organization.pk)
    if membership is None or membership.role != Role.EDITOR:
        return set()
    return {unit.pk for unit in membership.units.all()}


def administers_any(user) -> bool:
    """Whether the user administers some organization: creating plans and uploading are theirs."""
    if not user.is_authenticated:
        return False
    return is_federal_admin(user) or any(m.role == Role.ADMIN for m in memberships(user).values())


def administered_organizations(user) -> QuerySet[Organization]:
    if is_federal_admin(user):
        return Organization.objects.all()
    return Organization.objects.filter(memberships__user=user, memberships__role=Role.ADMIN)


def require_admin(user, organization: Organization) -> None:
    if role_in(user, organization) != Role.ADMIN:
        raise PermissionDenied("Действие доступно только администратору организации.")


def require_member(user, organization: Organization) -> str:
    """404, not 403, for strangers: the existence of another organization's plan is not disclosed."""
    role = role_in(user, organization)
    if role is None:
        raise Http404("Не найдено.")
    return role


def get_member_object(queryset: QuerySet, user, pk: int):
    """An object of one organization (plan, resolution, upload), 404 unless the user is a member there."""
    obj = get_object_or_404(queryset.select_related("organization"), pk=pk)
    require_member(user, obj.organization)
    return obj
