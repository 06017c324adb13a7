"""HTML to PDF through WeasyPrint, for every PDF the product makes (plans, execution reports).

A long document is made in parts laid out at once, each in a child process on a core of its own
(`python -m muniplan.documents.renderers.weasy` reads HTML on stdin and writes the page count
and the PDF to stdout; this module needs no Django for that), then the parts are joined.
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
from functools import cache
from pathlib import Path

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
    with collector_paused():
        document = _print_html_class()(string=html).render()
        return document.write_pdf(), len(document.pages)


@cache
def _print_html_class():
    """WeasyPrint's HTML, styled over `print_ua.css`. `_ua_stylesheets` is the one hook WeasyPrint
    has for it (not a documented one): should a later WeasyPrint rename it, its own stylesheet
    simply applies again — the same pages, only slower."""
    from weasyprint import CSS, HTML  # loads pango: only when a PDF is asked for

    stylesheet = CSS(string=(Path(__file__).with_name("print_ua.css")).read_text("utf-8"))

    class PrintHTML(HTML):
        def _ua_stylesheets(self, forms=False):
            return [stylesheet]

    return PrintHTML


@contextmanager
def helpers(count: int) -> Iterator[list[Helper]]:
    """`count` child processes, started at once so that they load WeasyPrint while the caller
    writes their HTML; any still running at the end are stopped."""
    started = [Helper() for _ in range(count)]
    try:
        yield started
    finally:
        for helper in started:
            helper.stop()


class Helper:
    """A child process that lays out one HTML it reads on stdin and writes the PDF to stdout."""

    def __init__(self) -> None:
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-m", __spec__.name],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
        except OSError as error:
            log.warning("No child process for a PDF part: %s", error)
            self.process = None

    def render(self, html: str) -> tuple[bytes, int] | None:
        """(PDF, pages), or None if the child failed (the caller lays the part out itself)."""
        if self.process is None:
            return None
        try:
            out, _ = self.process.communicate(html.encode("utf-8"), timeout=CHILD_SECONDS)
        except (OSError, subprocess.SubprocessError) as error:
            log.warning("PDF part not laid out in a child process: %s", error)
            return None
        pages, _, pdf = out.partition(b"\n")
        if self.process.returncode != 0 or not pages.isdigit() or not pdf.startswith(b"%PDF"):
            log.warning("PDF part's child process exited with %s", self.process.returncode)
            return None
        return pdf, int(pages)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()


def render_parts(htmls: list[str], children: list[Helper]) -> list[tuple[bytes, int]]:
    """Every HTML as (PDF, pages), each laid out by a child of its own; a part whose child fails
    is laid out here afterwards. Not one here beside them: this process would then end with
    WeasyPrint's millions of objects for its collector to walk (half a second on a long plan),
    while a child's memory goes back at once when it exits."""
    with ThreadPoolExecutor(max_workers=len(children)) as pool:
        done = list(pool.map(Helper.render, children, htmls))
    return [part or render(html) for part, html in zip(done, htmls, strict=True)]


def join(parts: list[bytes], *, overlay: bytes | None = None) -> bytes:
    """One file of the parts' pages, with the first part's title and producer; each page of
    `overlay` (page numbers, say), if given, is laid over the page with its index."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    readers = [PdfReader(io.BytesIO(part)) for part in parts]
    for reader in readers:
        writer.append(reader)
    writer.add_metadata(readers[0].metadata)
    if overlay is not None:
        for page, over in zip(writer.pages, PdfReader(io.BytesIO(overlay)).pages, strict=True):
            page.merge_page(over)
            page.compress_content_streams()
    return _written(writer)


def _written(writer) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


if __name__ == "__main__":
    import os

    import weasyprint  # noqa: F401 — loaded before the HTML arrives: the parent is still writing it

    gc.disable()  # one document, then the process ends and its memory goes back at once
    pdf, pages = render(sys.stdin.buffer.read().decode("utf-8"))
    sys.stdout.buffer.write(b"%d\n" % pages + pdf)  # the page count first: no need to parse the PDF
    sys.stdout.buffer.flush()
    os._exit(0)  # without freeing every object one by one first
