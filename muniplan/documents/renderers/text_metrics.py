"""How many lines a text takes in a column of the PDF, measured with the advance widths of the
PDF's own font (DejaVu Sans, read from the font file WeasyPrint uses).

`renderers/pdf.py` cuts a plan into page-sized tables before WeasyPrint lays them out. Guessed
from a character count, a page had to be filled to little more than half to be safe; measured,
it fills to the bottom without running over (Pango also kerns and may break after hyphens, so
the count here is never lower than the lines it makes)."""

from __future__ import annotations

import shutil
import subprocess
from functools import lru_cache

FAMILY = "DejaVu Sans"
# Without the font file: wider than any letter of DejaVu Sans, so lines are over-counted.
FALLBACK_EM = 0.73


def line_count(text: str, width: float, size: float, *, bold: bool = False) -> int:
    """Lines of `text` (its own line breaks kept) wrapped at spaces in `width` points, at `size`
    points; a word longer than the width breaks where it reaches the edge."""
    advances = _advances(bold)
    space = _width(" ", advances, size)
    lines = 0
    for paragraph in text.splitlines() or [""]:
        lines += 1
        filled = 0.0
        for word in paragraph.split():
            word_width = _width(word, advances, size)
            if filled and filled + space + word_width > width:
                lines += 1
                filled = 0.0
            if filled:
                filled += space
            while word_width > width:  # overflow-wrap: break-word
                lines += 1
                word_width -= width
            filled += word_width
    return lines


def _width(text: str, advances: dict[int, float], size: float) -> float:
    return sum(advances.get(ord(char), FALLBACK_EM) for char in text) * size


@lru_cache(maxsize=2)
def _advances(bold: bool) -> dict[int, float]:
    """Advance width of every character of the font, in ems; empty if the font is not found."""
    path = _font_file(bold)
    if path is None:
        return {}
    from fontTools.ttLib import TTFont  # WeasyPrint's own dependency

    font = TTFont(path, lazy=True)
    metrics = font["hmtx"].metrics
    em = font["head"].unitsPerEm
    return {code: metrics[glyph][0] / em for code, glyph in font.getBestCmap().items()}


def _font_file(bold: bool) -> str | None:
    """The file fontconfig gives WeasyPrint for the family, if it is that family."""
    program = shutil.which("fc-match")
    if program is None:
        return None
    pattern = f"{FAMILY}:bold" if bold else FAMILY
    try:
        done = subprocess.run(
            [program, "-f", "%{family}\n%{file}", pattern],
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    family, _, path = done.stdout.partition("\n")
    return path.strip() if FAMILY in family.split(",") and path.strip() else None
