"""Search results say what matched: the query is marked in the text where it was found."""

from __future__ import annotations

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from muniplan.lib.search import match_pattern

register = template.Library()


@register.filter
def highlight(text, query: str):
    """The escaped text with each match of `query` inside <mark>; the text alone when there is no query."""
    text = str(text or "")
    pattern = match_pattern(query or "")
    if pattern is None:
        return conditional_escape(text)
    pieces, last = [], 0
    for match in pattern.finditer(text):
        pieces += [
            conditional_escape(text[last : match.start()]),
            f"<mark>{conditional_escape(match.group())}</mark>",
        ]
        last = match.end()
    pieces.append(conditional_escape(text[last:]))
    return mark_safe("".join(pieces))
