"""PDF: WeasyPrint lays out the same table as the Word file, in DejaVu Sans (a font with
Cyrillic, embedded in the file), the header repeated on every page, page numbers below."""

from __future__ import annotations

from django.template.loader import render_to_string

from muniplan.documents.layouts import PlanDocument


def render_pdf(document: PlanDocument) -> bytes:
    from weasyprint import HTML

    html = render_to_string("documents/plan_pdf.html", {"doc": document, "layout": document.layout})
    return HTML(string=html).write_pdf()
