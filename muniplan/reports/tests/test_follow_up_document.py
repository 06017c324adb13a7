from __future__ import annotations

import datetime as dt
import io

import pdfplumber
import pypdfium2
import pytest
from docx import Document

from muniplan.control.selectors import follow_up
from muniplan.control.services import is_own_addressee, item_close, note_add
from muniplan.documents.renderers.weasy import html_to_pdf
from muniplan.documents.tests.print_pages import printed, with_weasyprints_own_stylesheet
from muniplan.reports import pdf, word
from muniplan.reports.selectors import follow_up_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def groups(resolution, items, controller, smolensk_admin):
    first = items[0]
    note_add(
        item=first,
        by=smolensk_admin,
        done_on=dt.date(2021, 3, 1),
        text="Проведён семинар для ТОС",
        reports_done=True,
    )
    first.refresh_from_db()
    item_close(item=first, by=controller, reason="Исполнено")
    return follow_up(resolution, lambda a: is_own_addressee(a, resolution.organization))


@pytest.fixture
def report(resolution, groups):
    return follow_up_report(resolution, groups, today=TODAY)


@pytest.fixture
def closed_without_notes(resolution, items, controller):
    """An item taken off control with a reason and no note of the executor's."""
    item_close(item=items[1], by=controller, reason=REASON)
    groups = follow_up(resolution, lambda a: is_own_addressee(a, resolution.organization))
    return follow_up_report(resolution, groups, today=TODAY)


TODAY = dt.date(2021, 10, 5)
REASON = "Выполнено: публикации в областных СМИ"


def test_the_word_follow_up_lists_every_recommendation_with_its_state(report):
    document = Document(io.BytesIO(word.follow_up_docx(report)))
    assert document.paragraphs[0].text == "Информация о ходе выполнения рекомендаций"
    rows = [row for table in document.tables for row in table.rows[1:]]
    assert len(document.tables) == 5 and len(rows) == 24
    states = [row.cells[4].text for row in rows]
    assert states.count("Снято с контроля") == 1
    assert any("Проведён семинар для ТОС" in row.cells[5].text for row in rows)
    assert document.sections[0].page_width > document.sections[0].page_height  # landscape


def test_the_pdf_follow_up_has_the_recommendations_in_its_pages(report):
    pages = pypdfium2.PdfDocument(pdf.follow_up_pdf(report))
    text = " ".join(" ".join(page.get_textpage().get_text_range().split()) for page in pages)
    assert "Информация о ходе выполнения рекомендаций" in text
    assert "Проведён семинар для ТОС" in text
    assert text.count("Снято с контроля") == 2  # the state, and the reason in «Ход выполнения»
    assert "Снято с контроля: Исполнено" in text
    pages.close()


def test_the_print_stylesheet_lays_out_the_follow_up_as_weasyprints_own_does(report):
    html = pdf._follow_up_html(report)
    assert printed(html_to_pdf(html)) == printed(with_weasyprints_own_stylesheet(html))


def test_the_word_follow_up_gives_the_reason_an_item_was_taken_off_control_and_its_date(
    closed_without_notes,
):
    document = Document(io.BytesIO(word.follow_up_docx(closed_without_notes)))
    assert document.paragraphs[2].text == "по состоянию на 05.10.2021"
    rows = [row for table in document.tables for row in table.rows[1:]]
    closed = [row for row in rows if row.cells[4].text == "Снято с контроля"]
    assert len(closed) == 1 and REASON in closed[0].cells[5].text


def test_the_pdf_follow_up_gives_the_reason_an_item_was_taken_off_control_and_its_date(
    closed_without_notes,
):
    with pdfplumber.open(io.BytesIO(pdf.follow_up_pdf(closed_without_notes))) as document:
        lines = document.pages[0].extract_text().splitlines()
        rows = [
            [" ".join((cell or "").split()) for cell in row]
            for page in document.pages
            for table in page.extract_tables()
            for row in table
        ]
    assert lines[0] == "Информация о ходе выполнения рекомендаций"
    assert "по состоянию на 05.10.2021" in lines[1:4]
    closed = [row for row in rows if row[4] == "Снято с контроля"]
    assert len(closed) == 1 and REASON in closed[0][5]


def test_the_documents_say_an_open_item_past_its_deadline_is_overdue_as_of_their_date(
    resolution, groups
):
    overdue = follow_up_report(resolution, groups, today=TODAY)
    document = Document(io.BytesIO(word.follow_up_docx(overdue)))
    states = [row.cells[4].text for table in document.tables for row in table.rows[1:]]
    assert states.count("На исполнении — просрочено") == 23  # the deadline was 01.09.2021
    pages = pypdfium2.PdfDocument(pdf.follow_up_pdf(overdue))
    text = " ".join(" ".join(page.get_textpage().get_text_range().split()) for page in pages)
    pages.close()
    assert "На исполнении — просрочено" in text
    in_time = follow_up_report(resolution, groups, today=dt.date(2021, 9, 1))
    states = [row.state for _, rows in in_time.groups for row in rows]
    assert states.count("На исполнении") == 23 and "просрочено" not in " ".join(states)
