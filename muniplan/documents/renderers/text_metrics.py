"""How a text breaks into lines in a column of the PDF, measured with the advance widths of the
PDF's own font (DejaVu Sans, read from the font file WeasyPrint uses).

`renderers/pdf.py` writes every cell of a plan in these lines, so that WeasyPrint has no line
breaking to do (it tried up to three layouts of each line to find its break), and cuts the plan
into page-sized tables by their count: measured, a page fills to the bottom without running over.
Widths are summed without kerning (documents/tests/test_pdf.py checks that no line of a cell
reaches over its border)."""

from __future__ import annotations

import re
import shutil
import subprocess
from functools import lru_cache

FAMILY = "DejaVu Sans"
# Without the font file: wider than any letter of DejaVu Sans, so lines are over-counted.
FALLBACK_EM = 0.73
_SPACES = re.compile(r"[ \t]+")
# a break after a hyphen inside a word, unless a digit follows («Январь-|апрель», «2-3»)
_AFTER_HYPHEN = re.compile(r"(?<=[^-]-)(?=[^\d-])")


def line_count(text: str, width: float, size: float, *, bold: bool = False) -> int:
    return len(broken_lines(text, width, size, bold=bold))


def broken_lines(text: str, width: float, size: float, *, bold: bool = False) -> list[str]:
    """`text` in the lines it takes in `width` points at `size` points: its own line breaks kept,
    wrapped at spaces (runs of spaces and tabs count as one, as HTML shows them; a no-break
    space does not break) and after the hyphen of a compound word, as Pango wraps; a word longer
    than the width broken where it reaches the edge."""
    advances = _advances(bold)
    space = _width(" ", advances, size)
    out: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line, filled = "", 0.0
        for word in _SPACES.split(paragraph.strip(" \t")):
            for index, piece in enumerate(_AFTER_HYPHEN.split(word)):
                gap = space if line and index == 0 else 0.0
                piece_width = _width(piece, advances, size)
                if line and filled + gap + piece_width > width:
                    out.append(line)
                    line, filled, gap = "", 0.0, 0.0
                while piece_width > width:  # overflow-wrap: break-word
                    head = _fitting(piece, width, advances, size)
                    out.append(head)
                    piece = piece[len(head) :]
                    piece_width = _width(piece, advances, size)
                line += (" " if gap else "") + piece
                filled += gap + piece_width
        out.append(line)
    return out


def _fitting(word: str, width: float, advances: dict[int, float], size: float) -> str:
    """The longest start of `word` that fits in `width` (one character at least)."""
    filled = 0.0
    for index, char in enumerate(word):
        filled += advances.get(ord(char), FALLBACK_EM) * size
        if filled > width:
            return word[: max(1, index)]
    return word


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
