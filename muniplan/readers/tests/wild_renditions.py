"""Gold readings rendered in the shapes plans arrive in from the wild: pipe, box-drawing and
ASCII tables, columns aligned by spaces, web pages. Read back, each must give the gold again
(`renditions.py` does the same for Word, Excel and CSV)."""

from __future__ import annotations

import html
import textwrap

from muniplan.readers.tests.renditions import plan_rows

# (vertical, rule left, joint, rule right, horizontal) for the rule lines, per style
_STYLES = {
    "box": ("│", "┌├└", "┬┼┴", "┐┤┘", "─"),
    "double": ("║", "╔╠╚", "╦╬╩", "╗╣╝", "═"),
    "ascii": ("|", "+++", "+++", "+++", "-"),
    "dos": ("¦", "-+L", "T+-", "¬+-", "-"),
}


def _width(rows, index: int, limit: int) -> int:
    longest = max(
        (
            len(line)
            for kind, cells, _ in rows
            if kind != "band"
            for line in cells[index].split("\n")
        ),
        default=3,
    )
    return max(3, min(longest, limit))


def _wrap(text: str, width: int) -> list[str]:
    """A cell's lines at the column width; a paragraph break stays a line break."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines += textwrap.wrap(
            paragraph, width, break_long_words=False, break_on_hyphens=False
        ) or [""]
    return lines


def plan_grid_text(plan: dict, style: str = "box", wrap: int = 200) -> str:
    """A framed table, every row ruled off; cells wider than `wrap` wrap over lines (only
    title cells are wrapped by the tests: other cells keep their line breaks as paragraphs)."""
    vertical, lefts, joints, rights, horizontal = _STYLES[style]
    rows = plan_rows(plan)
    widths = [_width(rows, i, wrap if i == 1 else 10_000) for i in range(len(rows[0][1]))]

    def rule(kind: int) -> str:
        return lefts[kind] + joints[kind].join(horizontal * (w + 2) for w in widths) + rights[kind]

    out = [plan["title"], "", rule(0)]
    for number, (kind, cells, _) in enumerate(rows):
        if kind == "band":
            total = sum(widths) + 3 * (len(widths) - 1)
            out.append(f"{vertical} {cells[0]:<{total}} {vertical}")
        else:
            columns = [
                _wrap(c, w if i == 1 else 10_000)
                for i, (c, w) in enumerate(zip(cells, widths, strict=True))
            ]
            for line in range(max(len(c) for c in columns)):
                parts = [
                    f" {(c[line] if line < len(c) else ''):<{w}} "
                    for c, w in zip(columns, widths, strict=True)
                ]
                out.append(vertical + vertical.join(parts) + vertical)
        out.append(rule(2 if number == len(rows) - 1 else 1))
    return "\n".join(out) + "\n"


def plan_pipe_text(plan: dict) -> str:
    """A markdown table: the header ruled off, a row per line, a multi-line cell continued on
    lines whose number cell is empty."""
    rows = plan_rows(plan)
    out = [plan["title"], ""]
    width = len(rows[0][1])
    for index, (kind, cells, _) in enumerate(rows):
        if kind == "band":
            out.append(f"| {cells[0]} |" + " |" * (width - 1))
            continue
        columns = [c.split("\n") for c in cells]
        for line in range(max(len(c) for c in columns)):
            out.append("| " + " | ".join(c[line] if line < len(c) else "" for c in columns) + " |")
        if index == 0:
            out.append("|" + "|".join("---" for _ in cells) + "|")
    return "\n".join(out) + "\n"


def plan_aligned_text(plan: dict) -> str:
    """Columns lined up with spaces, as a plan pasted into an e-mail: a cell's further lines
    continue under it with the number column empty; section titles start at the margin."""
    rows = plan_rows(plan)
    widths = [_width(rows, i, 10_000) for i in range(len(rows[0][1]))]
    out = [plan["title"], ""]
    for kind, cells, _ in rows:
        if kind == "band":
            out.append(cells[0])
            continue
        columns = [c.split("\n") for c in cells]
        for line in range(max(len(c) for c in columns)):
            parts = [
                f"{(c[line] if line < len(c) else ''):<{w}}"
                for c, w in zip(columns, widths, strict=True)
            ]
            out.append("   ".join(parts).rstrip())
    return "\n".join(out) + "\n"


def plan_html(plan: dict) -> str:
    """A web page: the title as a heading, bands as one cell spanning the row, a cell's lines
    as paragraphs, and a responsible unit shared by consecutive activities merged down."""
    rows = plan_rows(plan)
    width = len(rows[0][1])
    out = [
        "<html><head><meta charset='utf-8'><title>План</title></head><body>",
        f"<h2>{html.escape(plan['title'])}</h2>",
        "<table border='1'>",
    ]
    for kind, cells, _ in rows:
        if kind == "header":
            out.append("<tr>" + "".join(f"<th>{html.escape(c)}</th>" for c in cells) + "</tr>")
        elif kind == "band":
            out.append(f"<tr><td colspan='{width}'><b>{html.escape(cells[0])}</b></td></tr>")
        else:
            out.append(
                "<tr>"
                + "".join(
                    "<td>"
                    + "".join(f"<p>{html.escape(line)}</p>" for line in c.split("\n") if line)
                    + "</td>"
                    for c in cells
                )
                + "</tr>"
            )
    out.append("</table></body></html>")
    return "\n".join(out)
