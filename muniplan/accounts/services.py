"""Changes to an organization's units and people, recorded like every other change."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction

from muniplan.audit.services import audit_record

from .models import Membership, Organization, Profile, Unit


@transaction.atomic
def unit_create(*, organization: Organization, name: str, kind: str, by) -> Unit:
    name = " ".join(name.split())
    if organization.units.filter(name=name).exists():
        raise ValidationError({"name": f"Подразделение «{name}» уже есть."})
    unit = Unit.objects.create(organization=organization, name=name, kind=kind)
    audit_record(action="accounts.unit.created", obj=unit, by=by, organization=organization, summary=name)
    return unit


def _check_units(organization: Organization, units) -> None:
    if any(unit.organization_id != organization.pk for unit in units):
        raise ValidationError({"units": "Подразделение должно принадлежать этой организации."})


@transaction.atomic
def member_add(*, organization: Organization, username: str, full_name: str, password: str, role: str,
               units, by, position: str = "") -> Membership:
    """A new login with its role in the organization, and the name and position it is shown by."""
    users = get_user_model().objects
    if users.filter(username=username).exists():
        raise ValidationError({"username": f"Имя пользователя «{username}» уже занято."})
    _check_units(organization, units)
    full_name = " ".join(full_name.split())
    user = users.create_user(username=username, password=password)
    Profile.objects.create(user=user, full_name=full_name, position=" ".join(position.split()))
    membership = Membership.objects.create(user=user, organization=organization, role=role)
    membership.units.set(units)
    audit_record(action="accounts.membership.created", obj=membership, by=by, organization=organization,
                 summary=f"{full_name} ({username})", changes={"role": [None, membership.get_role_display()],
                                            "units": [None, sorted(u.name for u in units)]})
    return membership


@transaction.atomic
def membership_update(*, membership: Membership, role: str, units, by) -> Membership:
    _check_units(membership.organization, units)
    before = {"role": membership.get_role_display(), "units": sorted(u.name for u in membership.units.all())}
    membership.role = role
    membership.save(update_fields=["role"])
    membership.units.set(units)
    after = {"role": membership.get_role_display(), "units": sorted(u.name for u in units)}
    changes = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
    audit_record(action="accounts.membership.updated", obj=membership, by=by,
                 organization=membership.organization, summary=membership.user.username, changes=changes)
    return membership
