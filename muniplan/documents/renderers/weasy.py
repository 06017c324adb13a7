"""HTML to PDF through WeasyPrint, for every PDF the product makes (plans, execution reports).

Needs no Django, so that it also runs as a child process on another core
(`python -m muniplan.documents.renderers.weasy` reads HTML on stdin and writes the PDF to
stdout): `renderers/pdf.py` renders the second half of a long plan that way.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """WeasyPrint builds millions of small objects that live until the file is written; the
    cyclic collector's passes over them were a quarter of the time of a 200-page plan (22.5 →
    16.6 s CPU) and freed nothing. It is switched back on, if it was on, when the render ends."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def html_to_pdf(html: str) -> bytes:
    return render(html)[0]


def render(html: str) -> tuple[bytes, int]:
    """The PDF and the number of its pages."""
    from weasyprint import HTML  # loads pango: only when a PDF is asked for

    with collector_paused():
        document = HTML(string=html).render()
        return document.write_pdf(), len(document.pages)


if __name__ == "__main__":
    sys.stdout.buffer.write(html_to_pdf(sys.stdin.buffer.read().decode("utf-8")))
