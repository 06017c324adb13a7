"""Box-drawing tables, as legal-database text exports write them (┌─┬─┐ │ ├─┼─┤ └─┴─┘, single
or double lines): translated to the ASCII grid `pipes.py` reads, position for position, so the
columns stay where they were drawn."""

from __future__ import annotations

from muniplan.readers.table import Table
from muniplan.readers.text.pipes import grid_table

_VERTICAL = "│┃║╎╏┆┇┊┋"
_HORIZONTAL = "─━═╌╍┄┅┈┉"
_JOINTS = "┌┐└┘├┤┬┴┼╔╗╚╝╠╣╦╩╬╒╓╕╖╘╙╛╜╞╟╡╢╤╥╧╨╪╫┍┎┑┒┕┖┙┚┝┞┟┠┡┢┥┦┧┨┩┪┭┮┯┰┱┲┵┶┷┸┹┺┽┾┿╀╁╂╃╄╅╆╇╈╉╊╋"
_TO_ASCII = str.maketrans({**dict.fromkeys(_VERTICAL, "|"), **dict.fromkeys(_HORIZONTAL, "-"),
                           **dict.fromkeys(_JOINTS, "+")})


def looks_like_boxes(lines: list[str]) -> bool:
    return sum(any(c in _VERTICAL for c in line) for line in lines) >= 3


def box_table(filename: str, text: str) -> Table:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return grid_table(filename, [line.translate(_TO_ASCII) for line in lines])
