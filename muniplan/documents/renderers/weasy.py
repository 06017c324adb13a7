"""HTML to PDF through WeasyPrint, for every PDF the product makes (plans, execution reports).

A long document is made in parts laid out at once, each in a child process on a core of its own
(`python -m muniplan.documents.renderers.weasy`, see `Helper`; this module needs no Django for
that), then the parts are joined.
"""

from __future__ import annotations

import gc
import io
import logging
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
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
    """A child process that lays out the HTML it is sent, writes to stdout the number of its pages
    as soon as they are laid out, writes the PDF out, then lays over its pages the sheet of page
    numbers it is sent next (if any) and writes the file to stdout."""

    def __init__(self) -> None:
        self.watchdog: threading.Timer | None = None
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

    def send(self, html: str) -> None:
        if self.process is None:
            return
        self.watchdog = threading.Timer(CHILD_SECONDS, self.stop)
        self.watchdog.daemon = True
        self.watchdog.start()
        self._write(html)

    def pages(self) -> int | None:
        """The part's page count once it is laid out, or None if the child failed."""
        if self.process is None:
            return None
        line = self.process.stdout.readline().strip()
        return int(line) if line.isdigit() else None

    def number(self, sheet: str | None) -> None:
        """The HTML of the part's page numbers (None: the part is not numbered here)."""
        if self.process is not None:
            self._write(sheet or "")
            self._closed()

    def pdf(self) -> bytes | None:
        """The part's PDF, or None if the child failed (the caller lays the part out itself)."""
        if self.process is None:
            return None
        self._closed()
        data = self.process.stdout.read()
        code = self.process.wait()
        self.stop()  # the watchdog
        if code != 0 or not data.startswith(b"%PDF"):
            log.warning("PDF part's child process exited with %s", code)
            return None
        return data

    def stop(self) -> None:
        if self.watchdog is not None:
            self.watchdog.cancel()
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def _write(self, text: str) -> None:
        try:
            _send_message(self.process.stdin, text)
        except OSError as error:
            log.warning("Nothing more sent to a PDF part's child process: %s", error)
            self.stop()

    def _closed(self) -> None:
        try:
            self.process.stdin.close()
        except OSError:
            pass  # the child is gone; pdf() tells


def render_parts(
    htmls: list[str],
    children: list[Helper],
    *,
    numbers: Callable[[list[int]], list[str]] | None = None,
) -> list[tuple[bytes, int]]:
    """Every HTML as (PDF, pages), each laid out by a child of its own; a part whose child fails
    is laid out here afterwards. `numbers`, given the parts' page counts, gives each part the
    HTML of its sheet of page numbers: as soon as all parts are laid out, each child lays its
    sheet over its pages; a part that did not come back so numbered is numbered here.

    No part is laid out here beside them: this process would then end with WeasyPrint's millions
    of objects for its collector to walk (half a second on a long plan), while a child's memory
    goes back at once when it exits."""
    for child, html in zip(children, htmls, strict=True):
        child.send(html)
    counts = [child.pages() for child in children]
    sent = numbers(counts) if numbers is not None and None not in counts else None
    for index, child in enumerate(children):
        child.number(sent[index] if sent else None)
    parts, numbered = [], []
    for child, html, pages in zip(children, htmls, counts, strict=True):
        pdf = child.pdf()
        numbered.append(pdf is not None and pages is not None and sent is not None)
        parts.append((pdf, pages) if pdf is not None and pages is not None else render(html))
    if numbers is None:
        return parts
    sheets = sent or numbers([pages for _, pages in parts])
    return [
        (pdf if done else _numbered(pdf, sheet), pages)
        for (pdf, pages), sheet, done in zip(parts, sheets, numbered, strict=True)
    ]


def _numbered(pdf: bytes, sheet: str) -> bytes:
    """A part's pages with the sheet of their page numbers laid over them."""
    return join([pdf], overlay=html_to_pdf(sheet))


def _send_message(stream, text: str) -> None:
    data = text.encode("utf-8")
    stream.write(b"%d\n" % len(data) + data)
    stream.flush()


def _message(stream) -> str:
    size = stream.readline().strip()
    return stream.read(int(size)).decode("utf-8") if size.isdigit() else ""


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
    document = _print_html_class()(string=_message(sys.stdin.buffer)).render()
    # The page count as soon as it is known: the parent numbers the parts' pages meanwhile.
    sys.stdout.buffer.write(b"%d\n" % len(document.pages))
    sys.stdout.buffer.flush()
    pdf = document.write_pdf()
    sheet = _message(sys.stdin.buffer)
    sys.stdout.buffer.write(_numbered(pdf, sheet) if sheet else pdf)
    sys.stdout.buffer.flush()
    os._exit(0)  # without freeing every object one by one first
