from __future__ import annotations

from django import template

from muniplan.documents.layouts import Layout, cell_text

register = template.Library()


@register.filter
def layout_cells(activity, layout: Layout) -> list[tuple[str, str]]:
    """(field, text) of each column of the layout: the plan page shows what the documents print."""
    return [(name, cell_text(activity, name)) for name in layout.fields]
