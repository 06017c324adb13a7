"""Box-drawing tables, as legal-database text exports write them (┌─┬─┐ │ ├─┼─┤ └─┴─┘, single
or double lines, and the DOS code page frames that reach the web as `T ¦ + ¬ L`):
translated to the ASCII grid `pipes.py` reads, position for position, so the columns stay
where they were drawn."""

from __future__ import annotations

import re

from muniplan.readers.table import Table
from muniplan.readers.text.pipes import grid_table

_VERTICAL = "│┃║╎╏┆┇┊┋¦"
_HORIZONTAL = "─━═╌╍┄┅┈┉"
_JOINTS = "┌┐└┘├┤┬┴┼╔╗╚╝╠╣╦╩╬╒╓╕╖╘╙╛╜╞╟╡╢╤╥╧╨╪╫┍┎┑┒┕┖┙┚┝┞┟┠┡┢┥┦┧┨┩┪┭┮┯┰┱┲┵┶┷┸┹┺┽┾┿╀╁╂╃╄╅╆╇╈╉╊╋"
_TO_ASCII = str.maketrans(
    {
        **dict.fromkeys(_VERTICAL, "|"),
        **dict.fromkeys(_HORIZONTAL, "-"),
        **dict.fromkeys(_JOINTS, "+"),
    }
)


# A DOS frame's rule line: dashes with «T», «+», «L», «¬» as joints (letters only there).
_DOS_RULE = re.compile(r"^\s*[-T+L¬¦|=]*-{3,}[-T+L¬¦|=]*\s*$")
_DOS_JOINTS = str.maketrans({"T": "+", "L": "+", "¬": "+", "¦": "+"})


def looks_like_boxes(lines: list[str]) -> bool:
    return sum(any(c in _VERTICAL for c in line) for line in lines) >= 3


def box_table(filename: str, text: str) -> Table:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return grid_table(filename, [_ascii(line) for line in lines])


def _ascii(line: str) -> str:
    if _DOS_RULE.match(line):
        return line.translate(_DOS_JOINTS)
    return line.translate(_TO_ASCII)
