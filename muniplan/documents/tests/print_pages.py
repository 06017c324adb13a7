"""What a printed page shows, to compare two renderings of one HTML: every character with its
place, size and font, every ruled line and filled box, and the file's bookmarks."""

from __future__ import annotations

import io

import pdfplumber
from pypdf import PdfReader


def printed(pdf: bytes) -> dict:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        pages = [
            {
                "size": (round(page.width, 1), round(page.height, 1)),
                "chars": [
                    (
                        c["text"],
                        round(c["x0"], 2),
                        round(c["top"], 2),
                        round(c["size"], 2),
                        _font(c),
                    )
                    for c in page.chars
                ],
                "rects": sorted(
                    (
                        round(r["x0"], 2),
                        round(r["top"], 2),
                        round(r["width"], 2),
                        round(r["height"], 2),
                    )
                    for r in page.rects + page.lines
                ),
            }
            for page in document.pages
        ]
    outline = [item.title for item in _flat(PdfReader(io.BytesIO(pdf)).outline)]
    return {"pages": pages, "outline": outline}


def with_weasyprints_own_stylesheet(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html).render().write_pdf()


def _font(char: dict) -> str:
    return char["fontname"].split("+", 1)[-1]  # without the subset's random prefix


def _flat(outline) -> list:
    out = []
    for item in outline:
        out.extend(_flat(item) if isinstance(item, list) else [item])
    return out
