"""`{% pk_url name pk %}`: the same URL as `{% url name pk %}`, for tables of hundreds of rows.

`reverse()` costs tens of microseconds; a 300-activity plan page asks for 1,200 activity URLs, and
the timeline for thousands. This tag reverses each URL name once per page, with a marker in place of
the key, and then only puts the key in. The cache sits on the page's Context object, which included
templates (a layout's rows) share, unlike their render_context. Python that makes rows for a page
uses `pk_url_maker` the same way.
"""

from __future__ import annotations

from collections.abc import Callable

from django import template
from django.urls import reverse

register = template.Library()

_MARKER = 918273645546372819  # an int the URL converter accepts, unlikely anywhere else in a URL


def pk_url_maker(name: str) -> Callable[[object], str]:
    """pk → `reverse(name, args=[pk])`, reversing only once (per page: the script prefix may change)."""
    marked = reverse(name, args=[_MARKER])
    if marked.count(str(_MARKER)) != 1:
        return lambda pk: reverse(name, args=[pk])
    head, tail = marked.split(str(_MARKER))
    return lambda pk: f"{head}{pk}{tail}" if isinstance(pk, int) else reverse(name, args=[pk])


@register.simple_tag(takes_context=True)
def pk_url(context, name: str, pk) -> str:
    cache = getattr(context, "_muniplan_pk_urls", None)
    if cache is None:
        cache = context._muniplan_pk_urls = {}
    make = cache.get(name)
    if make is None:
        make = cache[name] = pk_url_maker(name)
    return make(pk)
