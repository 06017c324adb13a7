"""Changes to an organization's units and people, recorded like every other change."""

from __future__ import annotations

from axes.utils import reset as axes_reset
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction

from muniplan.audit.services import audit_record, diff_fields
from muniplan.lib.locking import claim_version

from .models import Membership, Organization, Profile, Unit


def _check_unit_name(organization: Organization, name: str, unit: Unit | None = None) -> None:
    """Names differing only in case or ё are the same unit to the people choosing one."""
    taken = organization.unit_named(name, other_than=unit)
    if taken:
        raise ValidationError({"name": f"Подразделение «{taken.name}» уже есть."})


@transaction.atomic
def unit_create(*, organization: Organization, name: str, kind: str, by) -> Unit:
    name = " ".join(name.split())
    _check_unit_name(organization, name)
    unit = Unit.objects.create(organization=organization, name=name, kind=kind)
    audit_record(
        action="accounts.unit.created", obj=unit, by=by, organization=organization, summary=name
    )
    return unit


@transaction.atomic
def unit_update(
    *, unit: Unit, name: str, kind: str, by, expected_version: int | None = None
) -> Unit:
    claim_version(unit, expected_version)
    name = " ".join(name.split())
    _check_unit_name(unit.organization, name, unit)
    before = {"name": unit.name, "kind": unit.get_kind_display()}
    unit.name, unit.kind = name, kind
    unit.save(update_fields=["name", "kind", "version"])
    audit_record(
        action="accounts.unit.updated",
        obj=unit,
        by=by,
        organization=unit.organization,
        summary=name,
        changes=diff_fields(before, {"name": unit.name, "kind": unit.get_kind_display()}),
    )
    return unit


def _check_units(organization: Organization, units) -> None:
    if any(unit.organization_id != organization.pk for unit in units):
        raise ValidationError({"units": "Подразделение должно принадлежать этой организации."})


@transaction.atomic
def member_add(
    *,
    organization: Organization,
    username: str,
    full_name: str,
    password: str,
    role: str,
    units,
    by,
    position: str = "",
    email: str = "",
) -> Membership:
    """A new login with its role in the organization, the name and position it is shown by, and the
    e-mail address its reminders go to (may be empty)."""
    users = get_user_model().objects
    if users.filter(username=username).exists():
        raise ValidationError({"username": f"Имя пользователя «{username}» уже занято."})
    _check_units(organization, units)
    full_name = " ".join(full_name.split())
    user = users.create_user(username=username, email=email.strip(), password=password)
    Profile.objects.create(user=user, full_name=full_name, position=" ".join(position.split()))
    membership = Membership.objects.create(user=user, organization=organization, role=role)
    membership.units.set(units)
    audit_record(
        action="accounts.membership.created",
        obj=membership,
        by=by,
        organization=organization,
        summary=f"{full_name} ({username})",
        changes={
            "role": [None, membership.get_role_display()],
            "units": [None, sorted(u.name for u in units)],
        },
    )
    return membership


def _person_values(profile: Profile, user) -> dict:
    return {"full_name": profile.full_name, "position": profile.position, "email": user.email}


@transaction.atomic
def profile_update(
    *,
    user,
    full_name: str,
    position: str,
    email: str,
    by,
    expected_version: int | None = None,
) -> Profile:
    """A person's own name, position and e-mail address (empty: no reminders by e-mail).

    `by` is the person themself: «Мой профиль» edits only the signed-in login. A login made
    without a profile (a superuser, an older installation) gets one here, at version 1, as its
    form assumed.
    """
    profile, _ = Profile.objects.get_or_create(user=user, defaults={"full_name": ""})
    claim_version(profile, expected_version)
    before = _person_values(profile, user)
    profile.full_name = " ".join(full_name.split())
    profile.position = " ".join(position.split())
    profile.save(update_fields=["full_name", "position", "version"])
    user.email = get_user_model().objects.normalize_email(email.strip())
    user.save(update_fields=["email"])
    audit_record(
        action="accounts.profile.updated",
        obj=profile,
        by=by,
        summary=f"{profile.full_name} ({user.get_username()})",
        changes=diff_fields(before, _person_values(profile, user)),
    )
    return profile


@transaction.atomic
def password_change(*, user, password: str, by):
    """Set a password the form has validated. Other sessions of the login end: their stored hash of
    the password no longer matches (the view keeps the current one with `update_session_auth_hash`).
    The entry records that the password changed, never the password."""
    user.set_password(password)
    user.save(update_fields=["password"])
    audit_record(action="accounts.password.changed", obj=user, by=by, summary=user.get_username())
    return user


def _keep_an_administrator(membership: Membership, role: str | None, by) -> None:
    """An administrator may not take away their own role (`role` None: leave the organization) when
    nobody else administers it: it would be left with no one to manage its people and plans."""
    if membership.role != Membership.Role.ADMIN or role == Membership.Role.ADMIN:
        return
    if getattr(by, "pk", None) != membership.user_id:
        return
    # every administrator row locked in one order: two administrators stepping down at once queue,
    # and the second sees the first gone
    admins = (
        Membership.objects.select_for_update()
        .filter(organization=membership.organization_id, role=Membership.Role.ADMIN)
        .order_by("pk")
    )
    if not any(pk != membership.pk for pk in admins.values_list("pk", flat=True)):
        raise ValidationError(
            {
                "role": "Вы — единственный администратор организации: сначала назначьте "
                "администратором другого пользователя."
            }
        )


@transaction.atomic
def membership_update(
    *, membership: Membership, role: str, units, by, expected_version: int | None = None
) -> Membership:
    claim_version(membership, expected_version)
    _check_units(membership.organization, units)
    _keep_an_administrator(membership, role, by)
    before = {
        "role": membership.get_role_display(),
        "units": sorted(u.name for u in membership.units.all()),
    }
    membership.role = role
    membership.save(update_fields=["role", "version"])
    membership.units.set(units)
    after = {"role": membership.get_role_display(), "units": sorted(u.name for u in units)}
    changes = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
    audit_record(
        action="accounts.membership.updated",
        obj=membership,
        by=by,
        organization=membership.organization,
        summary=membership.user.username,
        changes=changes,
    )
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership, by) -> None:
    """Take a person out of the organization; their login and their recorded changes stay."""
    _keep_an_administrator(membership, None, by)
    audit_record(
        action="accounts.membership.removed",
        obj=membership,
        by=by,
        organization=membership.organization,
        summary=membership.user.username,
        changes={"role": [membership.get_role_display(), None]},
    )
    membership.delete()


@transaction.atomic
def member_unlock(*, membership: Membership, by) -> int:
    """Lift a login lockout before its time: forget the failed attempts of this login (from every
    address). Returns how many attempt records were removed."""
    username = membership.user.username
    removed = axes_reset(username=username)
    audit_record(
        action="accounts.login.unlocked",
        obj=membership,
        by=by,
        organization=membership.organization,
        summary=username,
    )
    return removed
