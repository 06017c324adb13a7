"""People are named by their full name (and position), never by their login."""

from __future__ import annotations

from django import template
from django.core.exceptions import ObjectDoesNotExist

register = template.Library()


def _profile(user):
    try:
        return user.profile
    except ObjectDoesNotExist:
        return None


@register.filter
def person(user) -> str:
    """«Петрова Анна Сергеевна»; a login without a profile falls back to its Django name, then the login."""
    if user is None:
        return "система"
    profile = _profile(user)
    return (profile and profile.full_name) or user.get_full_name() or user.get_username()


@register.filter
def position(user) -> str:
    profile = _profile(user) if user is not None else None
    return profile.position if profile else ""


@register.filter
def person_short(user) -> str:
    """«Петрова А. С.» for the header, where the whole name would push the menu onto a second row;
    a name that is not surname, name and patronymic is left whole."""
    name = person(user)
    words = name.split()
    if len(words) == 3 and all(w[:1].isupper() for w in words):
        return f"{words[0]} {words[1][0]}. {words[2][0]}."
    return name
