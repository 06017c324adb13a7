"""Word: an editable table on A4 landscape, header rows repeated on every page, page numbers.

Rows are written as WordprocessingML elements directly: python-docx's cell API walks the whole
table for every cell it returns, which made a 2,000-activity plan take tens of seconds.
"""

from __future__ import annotations

import datetime as dt
import functools
import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from lxml import etree

from muniplan.documents.layouts import PlanDocument

PAGE_WIDTH, PAGE_HEIGHT, MARGIN = Cm(29.7), Cm(21.0), Cm(1.5)
TEXT_WIDTH_TWIPS = round((29.7 - 3.0) / 2.54 * 1440)
FONT = "Times New Roman"


def render_docx(document: PlanDocument) -> bytes:
    word = Document()
    _page_setup(word)
    _heading(word, document)
    word.element.body.insert(len(word.element.body) - 1, plan_table(document))
    for line in document.notes:
        word.add_paragraph(line)
    return save(word, document)


def save(word, document: PlanDocument) -> bytes:
    """A fixed creation time (the plan's last change) keeps the web download and the command's
    file the same document."""
    properties = word.core_properties
    properties.title = document.title[:250]
    properties.author = str(document.plan.organization)[:250]
    stamp = (
        document.plan.updated.replace(tzinfo=None, microsecond=0)
        if document.plan.updated
        else dt.datetime(2000, 1, 1)
    )
    properties.created = properties.modified = stamp
    properties.last_modified_by = "MuniPlan"
    properties.revision = 1
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def _page_setup(word) -> None:
    section = word.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = MARGIN
    style = word.styles["Normal"]
    style.font.name, style.font.size = FONT, Pt(10)
    style.paragraph_format.space_after = Pt(0)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    footer._p.append(field)


def _heading(word, document: PlanDocument) -> None:
    for line in document.approval:
        paragraph = word.add_paragraph(line)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if document.approval:
        word.add_paragraph("")
    title = word.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_after = Pt(8)
    run = title.add_run(document.title)
    run.bold, run.font.size = True, Pt(12)


def plan_table(document: PlanDocument):
    """The plan table as a w:tbl element (also placed into an organization's own template)."""
    layout = document.layout
    widths = [round(TEXT_WIDTH_TWIPS * c.width / 100) for c in layout.columns]
    table = _el(None, "w:tbl")
    properties = _el(table, "w:tblPr")
    _el(properties, "w:tblW", {"w:w": "5000", "w:type": "pct"})
    _el(properties, "w:tblLayout", {"w:type": "fixed"})
    borders = _el(properties, "w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        _el(
            borders,
            f"w:{side}",
            {"w:val": "single", "w:sz": "4", "w:space": "0", "w:color": "000000"},
        )
    _el(properties, "w:tblCellMar").append(_margin("left", 60))
    grid = _el(table, "w:tblGrid")
    for width in widths:
        _el(grid, "w:gridCol", {"w:w": str(width)})
    for cells in _header_rows(document):
        row = _row(table, header=True)
        for text, span, merge in cells:
            _cell(row, text, bold=True, span=span, merge=merge, center=True)
    for item in document.rows:
        row = _row(table)
        if item.kind == "band":
            _cell(row, item.cells[0], bold=True, span=len(widths), shade=True, keep_next=True)
            continue
        for column, text in zip(layout.columns, item.cells, strict=True):
            _cell(row, text, center=column.field.startswith("month:"))
    return table


def _header_rows(document: PlanDocument) -> list[list[tuple[str, int, str | None]]]:
    """(text, span, vertical merge) per cell; a month grid has its months under one heading."""
    columns = document.layout.columns
    if not document.layout.group:
        return [[(c.header, 1, None) for c in columns]]
    plain = [c for c in columns if not c.field.startswith("month:")]
    months = len(columns) - len(plain)
    return [
        [*((c.header, 1, "restart") for c in plain), (document.layout.group, months, None)],
        [
            *(("", 1, "continue") for _ in plain),
            *((c.header, 1, None) for c in columns[len(plain) :]),
        ],
    ]


def _row(table, header: bool = False):
    row = _el(table, "w:tr")
    properties = _el(row, "w:trPr")
    _el(properties, "w:cantSplit")
    if header:
        _el(properties, "w:tblHeader")
    return row


def _cell(
    row, text: str, *, bold=False, span=1, merge=None, center=False, shade=False, keep_next=False
) -> None:
    cell = _el(row, "w:tc")
    properties = _el(cell, "w:tcPr")
    if span > 1:
        _el(properties, "w:gridSpan", {"w:val": str(span)})
    if merge:
        _el(properties, "w:vMerge", {"w:val": merge})
    if shade:
        _el(properties, "w:shd", {"w:val": "clear", "w:color": "auto", "w:fill": "E7EEF7"})
    for line in text.split("\n"):
        paragraph = _el(cell, "w:p")
        if center or keep_next:
            properties = _el(paragraph, "w:pPr")
            if keep_next:  # a section band stays on the page of its first activity
                _el(properties, "w:keepNext")
            if center:
                _el(properties, "w:jc", {"w:val": "center"})
        if not line:
            continue
        run = _el(paragraph, "w:r")
        run_properties = _el(run, "w:rPr")
        if bold:
            _el(run_properties, "w:b")
        _el(run_properties, "w:sz", {"w:val": "18"})
        text_element = _el(run, "w:t", {"xml:space": "preserve"})
        text_element.text = line


def _margin(side: str, twips: int):
    element = OxmlElement(f"w:{side}")
    element.set(qn("w:w"), str(twips))
    element.set(qn("w:type"), "dxa")
    return element


def _el(parent, tag: str, attributes: dict[str, str] | None = None):
    """A child element; lxml's SubElement is several times faster than OxmlElement, which
    parses a fragment for every element."""
    attributes = {_qn(name): value for name, value in (attributes or {}).items()}
    if parent is None:
        element = OxmlElement(tag)
        for name, value in attributes.items():
            element.set(name, value)
        return element
    return etree.SubElement(parent, _qn(tag), attributes)


@functools.cache
def _qn(name: str) -> str:
    return qn(name)
