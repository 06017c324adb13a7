"""HTML to PDF through WeasyPrint, for every PDF the product makes (plans, execution reports).

A long document is made in parts laid out at once, each part but the first in a child process
on another core (`python -m muniplan.documents.renderers.weasy` reads HTML on stdin and writes
the PDF to stdout; this module needs no Django for that), then the parts are joined.
"""

from __future__ import annotations

import gc
import io
import logging
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

log = logging.getLogger(__name__)
CHILD_SECONDS = 600


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


def render_parts(htmls: list[str]) -> list[tuple[bytes, int]]:
    """Every HTML as (PDF, pages): the first laid out here while child processes lay out the
    others; a part whose child fails is laid out here afterwards."""
    with ThreadPoolExecutor(max_workers=max(1, len(htmls) - 1)) as pool:
        children = [pool.submit(_render_in_child, html) for html in htmls[1:]]
        first = render(htmls[0])
        others = [child.result() for child in children]
    return [first] + [done or render(html) for done, html in zip(others, htmls[1:], strict=True)]


def _render_in_child(html: str) -> tuple[bytes, int] | None:
    try:
        done = subprocess.run(
            [sys.executable, "-m", __spec__.name],
            input=html.encode("utf-8"),
            capture_output=True,
            timeout=CHILD_SECONDS,
            check=True,
        )
    except (OSError, subprocess.SubprocessError) as error:
        log.warning("PDF part not laid out in a child process: %s", error)
        return None
    return done.stdout, page_count(done.stdout)


def page_count(pdf: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def join(parts: list[bytes]) -> bytes:
    """One file of the parts' pages, with the first part's title and producer."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    readers = [PdfReader(io.BytesIO(part)) for part in parts]
    for reader in readers:
        writer.append(reader)
    writer.add_metadata(readers[0].metadata)
    return _written(writer)


def stamp(pdf: bytes, stamps: bytes) -> bytes:
    """Each page of `stamps` (page numbers, say) laid over the page of `pdf` with its index."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    for page, over in zip(writer.pages, PdfReader(io.BytesIO(stamps)).pages, strict=True):
        page.merge_page(over)
        page.compress_content_streams()
    return _written(writer)


def _written(writer) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


if __name__ == "__main__":
    sys.stdout.buffer.write(html_to_pdf(sys.stdin.buffer.read().decode("utf-8")))
