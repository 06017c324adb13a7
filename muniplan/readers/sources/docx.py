"""Word (.docx) plans and resolutions.

The body is walked in order: paragraphs before the plan table are its preamble; the plan
table and any tables after it are one table (Word splits long tables, and the Tyumen plan
keeps its funding lines as paragraphs between table parts); a paragraph between tables
becomes a one-cell row, which the mapper reads as a funding line or a section band. Merged
cells follow the `Table` conventions: a horizontal merge (w:gridSpan) is written once, a
vertical merge (w:vMerge) is repeated down. Word list numbering (w:numPr) is rebuilt as text,
because the number of an activity often exists only as numbering.
"""

from __future__ import annotations

import io
import re

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn

from muniplan.readers.draft import PlanDraft, ReadError, ResolutionDraft
from muniplan.readers.plan.headers import find_header
from muniplan.readers.plan.mapper import plan_from_table
from muniplan.readers.resolution import looks_like_resolution, resolution_from_paragraphs
from muniplan.readers.table import Table


def read_docx(filename: str, data: bytes) -> PlanDraft | ResolutionDraft:
    document = Document(io.BytesIO(data))
    numbering = _Numbering(document)
    body = _body_items(document, numbering)
    tables = [item for item in body if isinstance(item, list)]
    if not tables:
        paragraphs = [item for item in body if isinstance(item, str)]
        if looks_like_resolution(paragraphs):
            return resolution_from_paragraphs(filename, paragraphs)
        raise ReadError(f"Файл {filename}: в документе нет таблицы плана и это не резолюция.")
    return plan_from_table(docx_table(filename, body))


def docx_body_table(filename: str, data: bytes) -> Table:
    document = Document(io.BytesIO(data))
    return docx_table(filename, _body_items(document, _Numbering(document)))


def docx_table(filename: str, body: list) -> Table:
    """One Table from the body items: str for a paragraph, list of rows for a table."""
    start = _plan_table_index(filename, body)
    preamble = [_flatten(item) for item in body[:start]]
    rows: list[list[str]] = []
    pending: list[str] = []  # paragraphs after a table part, placed only if a table follows
    for item in body[start:]:
        if isinstance(item, list):
            rows.extend([p] for p in pending)
            pending = []
            rows.extend(item)
        elif item.strip():
            pending.append(item)
    return Table(rows=rows, preamble=preamble, source=filename, trailer=pending)


def _plan_table_index(filename: str, body: list) -> int:
    """The first table whose header is recognized; an approval block laid out as a table
    above it is part of the preamble."""
    first = None
    for index, item in enumerate(body):
        if isinstance(item, list):
            first = index if first is None else first
            if find_header(Table(rows=item, preamble=[], source=filename)) is not None:
                return index
    return first if first is not None else len(body)


def _flatten(item) -> str:
    return item if isinstance(item, str) else "\n".join(c for row in item for c in row if c)


def _body_items(document, numbering: _Numbering) -> list:
    items: list = []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            items.append(numbering.text(child))
        elif child.tag == qn("w:tbl"):
            items.append(_table_rows(child, document, numbering))
    return items


def _table_rows(tbl, document, numbering: _Numbering) -> list[list[str]]:
    rows: list[list[str]] = []
    above: dict[int, str] = {}  # grid column → text of the cell a vertical merge continues
    for tr in tbl.iterchildren(qn("w:tr")):
        row: list[str] = [""] * _grid_before(tr)
        for tc in tr.iterchildren(qn("w:tc")):
            column, span = len(row), _span(tc)
            merge = _vmerge(tc)
            text = (
                above.get(column, "")
                if merge == "continue"
                else _cell_text(tc, document, numbering)
            )
            if merge == "restart":
                above[column] = text
            elif merge is None:
                above.pop(column, None)
            row.extend([text] + [""] * (span - 1))
        rows.append(row)
    return rows


def _grid_before(tr) -> int:
    pr = tr.find(qn("w:trPr"))
    node = pr.find(qn("w:gridBefore")) if pr is not None else None
    return _int(node.get(qn("w:val")), 0) if node is not None else 0


def _span(tc) -> int:
    pr = tc.find(qn("w:tcPr"))
    node = pr.find(qn("w:gridSpan")) if pr is not None else None
    return max(1, min(_int(node.get(qn("w:val")), 1), 64)) if node is not None else 1


def _vmerge(tc) -> str | None:
    pr = tc.find(qn("w:tcPr"))
    node = pr.find(qn("w:vMerge")) if pr is not None else None
    if node is None:
        return None
    return "restart" if node.get(qn("w:val")) == "restart" else "continue"


def _cell_text(tc, document, numbering: _Numbering) -> str:
    paragraphs = tc.iter(qn("w:p"))  # nested tables' paragraphs too, in reading order
    return "\n".join(numbering.text(p) for p in paragraphs)


def _int(value, default: int) -> int:
    return int(value) if value is not None and str(value).isdigit() else default


class _Numbering:
    """Rebuilds list numbers («1.», «6.1.») that Word computes at display time.

    Counters are kept per list and level; a level's counter restarts when a lower level
    advances, as in Word. Lists (numId) sharing one definition (abstractNum) share counters,
    as in Word, unless a list overrides a level (`w:lvlOverride` with `w:startOverride` or a
    whole `w:lvl`): such a list counts on its own from its overridden start. Bullets give no
    number.
    """

    def __init__(self, document):
        self.formats: dict[tuple[str, int], tuple[str, str, int]] = {}
        self.counters: dict[str, list[int]] = {}
        self.counter_of: dict[str, str] = {}  # numId → the key of the counters it advances
        self._load(document)

    def _load(self, document) -> None:
        try:
            root = document.part.part_related_by(RT.NUMBERING).element
        except (KeyError, AttributeError):
            return  # a document without lists has no numbering part
        abstract = {a.get(qn("w:abstractNumId")): a for a in root.iterchildren(qn("w:abstractNum"))}
        for num in root.iterchildren(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            definition = abstract.get(ref.get(qn("w:val"))) if ref is not None else None
            if definition is None:
                continue
            num_id = num.get(qn("w:numId"))
            for lvl in definition.iterchildren(qn("w:lvl")):
                self.formats[(num_id, _int(lvl.get(qn("w:ilvl")), 0))] = _level(lvl)
            overrides = list(num.iterchildren(qn("w:lvlOverride")))
            self.counter_of[num_id] = num_id if overrides else f"a{ref.get(qn('w:val'))}"
            for override in overrides:
                self._override(num_id, override)

    def _override(self, num_id: str, override) -> None:
        level = _int(override.get(qn("w:ilvl")), 0)
        lvl = override.find(qn("w:lvl"))
        if lvl is not None:
            self.formats[(num_id, level)] = _level(lvl)
        start = override.find(qn("w:startOverride"))
        if start is not None:
            fmt, pattern, _ = self.formats.get((num_id, level), ("decimal", "%1.", 1))
            self.formats[(num_id, level)] = (fmt, pattern, _int(start.get(qn("w:val")), 1))

    def text(self, p) -> str:
        """A paragraph's text (a w:p element) with its list number in front."""
        label = self._label(p)
        text = _paragraph_text(p)
        return f"{label} {text}".strip() if label else text

    def _label(self, p) -> str:
        pr = p.pPr
        num_pr = pr.numPr if pr is not None else None
        if num_pr is None or num_pr.numId is None:
            return ""
        num_id = str(num_pr.numId.val)
        level = min(int(num_pr.ilvl.val) if num_pr.ilvl is not None else 0, 8)
        fmt, pattern, start = self.formats.get((num_id, level), ("decimal", "%1.", 1))
        if fmt in ("bullet", "none"):
            return ""
        counters = self.counters.setdefault(self.counter_of.get(num_id, num_id), [0] * 9)
        counters[level] = counters[level] + 1 if counters[level] else start
        counters[level + 1 :] = [0] * (8 - level)
        return re.sub(
            r"%(\d)", lambda m: self._value(num_id, int(m.group(1)) - 1, counters), pattern
        )

    def _value(self, num_id: str, level: int, counters: list[int]) -> str:
        fmt, _, start = self.formats.get((num_id, level), ("decimal", "", 1))
        value = counters[level] if 0 <= level < len(counters) and counters[level] else start
        return _format_number(value, fmt)


_TEXT_TAGS = {
    qn("w:t"): None,
    qn("w:tab"): "\t",
    qn("w:ptab"): "\t",
    qn("w:br"): "\n",
    qn("w:cr"): "\n",
    qn("w:noBreakHyphen"): "-",
}
_BR_TYPE = qn("w:type")


def _paragraph_text(p) -> str:
    """The text of a paragraph's runs, hyperlinks and fields' results, straight from the XML:
    python-docx's `Paragraph.text` compiles an XPath for every run, which took half the time
    of reading a long plan."""
    return "".join(_node_text(node) for node in p.iter(*_TEXT_TAGS))


def _node_text(node) -> str:
    text = _TEXT_TAGS[node.tag]
    if text is None:
        return node.text or ""
    if text == "\n" and node.get(_BR_TYPE, "textWrapping") != "textWrapping":
        return ""  # a page or column break is layout, as python-docx reads it
    return text


def _level(lvl) -> tuple[str, str, int]:
    def val(tag: str, default: str) -> str:
        node = lvl.find(qn(tag))
        return node.get(qn("w:val"), default) if node is not None else default

    return val("w:numFmt", "decimal"), val("w:lvlText", "%1."), _int(val("w:start", "1"), 1)


def _format_number(value: int, fmt: str) -> str:
    letters = {"lowerLetter": _LATIN, "upperLetter": _LATIN.upper(),
               "russianLower": _RUSSIAN, "russianUpper": _RUSSIAN.upper()}  # fmt: skip
    if fmt in letters:
        return letters[fmt][(value - 1) % len(letters[fmt])]
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(value)
        return roman.lower() if fmt == "lowerRoman" else roman
    return str(value)


_LATIN = "abcdefghijklmnopqrstuvwxyz"
_RUSSIAN = "абвгдежзиклмнопрстуфхцчшщэюя"  # Word's Russian list letters skip ё, й, ъ, ы, ь


def _roman(value: int) -> str:
    out = ""
    for number, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"),
                            (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"),
                            (4, "IV"), (1, "I")):  # fmt: skip
        count, value = divmod(value, number)
        out += letters * count
    return out
