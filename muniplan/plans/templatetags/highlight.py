"""Search results say what matched: the query is marked in the text where it was found."""

from __future__ import annotations

import html
import re

from django import template
from django.utils.safestring import SafeString, mark_safe

from muniplan.lib.search import match_pattern

register = template.Library()


@register.filter
def highlight(text, query: str):
    """The escaped text with each match of `query` inside <mark>; the text alone when there is no query."""
    return marked(text, match_pattern(query or ""))


def marked(text, pattern: re.Pattern | None) -> SafeString:
    """`highlight` with the query's pattern made once, for pages that mark thousands of cells;
    `html.escape` is what Django's `escape` calls, without its checks for lazy strings."""
    text = str(text or "")
    if pattern is None:  # conditional_escape: text already HTML stays as it is
        return mark_safe(text if hasattr(text, "__html__") else html.escape(text))
    pieces, last = [], 0
    for match in pattern.finditer(text):
        pieces += [
            html.escape(text[last : match.start()]),
            f"<mark>{html.escape(match.group())}</mark>",
        ]
        last = match.end()
    pieces.append(html.escape(text[last:]))
    return mark_safe("".join(pieces))
