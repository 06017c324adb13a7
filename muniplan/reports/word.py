"""Execution documents as Word files: a draft staff edit further, so plain styles and real tables."""

from __future__ import annotations

import io
import re

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from .chart_image import chart_png
from .selectors import FollowUpReport, PlanReport


def _document(*, landscape: bool = False) -> Document:
    document = Document()
    style = document.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(12)
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2))
    _page_numbers(section.footer.paragraphs[0])
    return document


def _page_numbers(paragraph) -> None:
    """A PAGE field: Word numbers the pages itself, however long the edited draft becomes."""
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def _title(document, *lines: str) -> None:
    for index, line in enumerate(lines):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(line)
        run.bold = index == 0


def _table(document, header: list[str], rows: list[list[str]]):
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    _repeat_header(table.rows[0])
    for values in rows:
        for cell, text in zip(table.add_row().cells, values, strict=True):
            cell.text = text
    return table


def _repeat_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    properties.append(element)


class _Body:
    """Appends paragraphs to a long document in constant time.

    python-docx's `add_paragraph` looks the style up by name and searches the body for its section
    properties on every call: 5,000 report lines took a minute. Here the style id is given and the
    paragraph goes straight before the section properties, which stay the body's last child.
    """

    def __init__(self, document):
        self.end = document.element.body.sectPr

    def paragraph(self, text: str = "", *, style_id: str = "", bold: str = "") -> None:
        element = OxmlElement("w:p")
        if style_id:
            properties = OxmlElement("w:pPr")
            style = OxmlElement("w:pStyle")
            style.set(qn("w:val"), style_id)
            properties.append(style)
            element.append(properties)
        if bold:
            element.append(_run(bold, bold=True))
        if text:
            element.append(_run(text))
        self.end.addprevious(element)


# a browser sends a typed line break as \r\n: a lone \r would reach the document as a character
LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _run(text: str, *, bold: bool = False):
    run = OxmlElement("w:r")
    if bold:
        properties = OxmlElement("w:rPr")
        properties.append(OxmlElement("w:b"))
        run.append(properties)
    for index, line in enumerate(LINE_BREAK.split(text)):
        if index:
            run.append(OxmlElement("w:br"))
        chunk = OxmlElement("w:t")
        chunk.set(qn("xml:space"), "preserve")
        chunk.text = line
        run.append(chunk)
    return run


def _bytes(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def plan_report_docx(report: PlanReport) -> bytes:
    document = _document()
    _title(
        document,
        report.title,
        report.plan.organization.name,
        f"по состоянию на {report.stated_on:%d.%m.%Y}",
    )
    headings = report.headings
    document.add_heading(headings["figures"], level=2)
    _table(
        document,
        ["Показатель", "Значение"],
        [[label, str(value)] for label, value in report.figures],
    )
    if report.quotas:
        document.add_heading(headings["quotas"], level=2)
        _table(
            document,
            ["Что", "Предусмотрено к дате", "Подготовлено", "Отставание"],
            [[q.item, str(q.expected), str(q.delivered), str(q.behind)] for q in report.quotas],
        )
    document.add_heading(headings["sections"], level=2)
    for chart in report.charts:
        if chart.rows:
            document.add_picture(io.BytesIO(chart_png(chart)), width=Cm(16))
    document.add_heading(headings["activities"], level=2)
    body = _Body(document)
    for block in report.sections:
        body.paragraph(block.title, style_id="Heading3")
        for line in block.lines:
            a = line.activity
            body.paragraph(f" — {line.status.label}", bold=f"{a.number} {a.title}".strip())
            for text in line.progress_lines:
                body.paragraph(text, style_id="ListBullet")
            for text in line.report_lines:
                body.paragraph(text, style_id="ListBullet")
    document.add_heading(headings["not_done"], level=2)
    if report.not_done:
        _table(
            document,
            ["№", "Мероприятие", "Состояние", "Причина"],
            [
                [line.activity.number, line.activity.title, line.status.label, line.not_done_reason]
                for line in report.not_done
            ],
        )
    else:
        document.add_paragraph("Все мероприятия периода выполняются в срок.")
    return _bytes(document)


def follow_up_docx(report: FollowUpReport) -> bytes:
    document = _document(landscape=True)
    _title(
        document,
        report.title,
        report.resolution_line,
        f"по состоянию на {report.stated_on:%d.%m.%Y}",
    )
    for index, (addressee, rows) in enumerate(report.groups, start=1):
        document.add_heading(f"{index}. {addressee}", level=2)
        _table(
            document,
            ["№", "Рекомендация", "Исполнитель", "Срок", "Состояние", "Ход выполнения"],
            [
                [r.number, r.text, r.executor, r.deadline, r.state, "\n".join(r.progress)]
                for r in rows
            ],
        )
    return _bytes(document)
