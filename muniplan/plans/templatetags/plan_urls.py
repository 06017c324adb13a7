"""`{% pk_url name pk %}`: the same URL as `{% url name pk %}`, for tables of hundreds of rows.

`reverse()` costs tens of microseconds; a 300-activity plan page asks for 1,200 activity URLs, and
the timeline for thousands. This tag reverses each URL name once per page, with a marker in place of
the key, and then only puts the key in. The cache sits on the page's Context object, which included
templates (a layout's row actions) share, unlike their render_context.
"""

from __future__ import annotations

from django import template
from django.urls import reverse

register = template.Library()

_MARKER = 918273645546372819  # an int the URL converter accepts, unlikely anywhere else in a URL


@register.simple_tag(takes_context=True)
def pk_url(context, name: str, pk) -> str:
    cache = getattr(context, "_muniplan_pk_urls", None)
    if cache is None:
        cache = context._muniplan_pk_urls = {}
    parts = cache.get(name)
    if parts is None:
        marked = reverse(name, args=[_MARKER])
        parts = cache[name] = (
            tuple(marked.split(str(_MARKER))) if marked.count(str(_MARKER)) == 1 else ()
        )
    if not parts or not isinstance(pk, int):
        return reverse(name, args=[pk])
    return f"{parts[0]}{pk}{parts[1]}"
