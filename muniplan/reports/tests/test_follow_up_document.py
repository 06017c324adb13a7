from __future__ import annotations

import datetime as dt
import io

import pypdfium2
import pytest
from docx import Document

from muniplan.control.selectors import follow_up
from muniplan.control.services import is_own_addressee, item_close, note_add
from muniplan.documents.renderers.weasy import html_to_pdf
from muniplan.documents.tests.print_pages import printed, with_weasyprints_own_stylesheet
from muniplan.reports import pdf, word

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


def test_the_word_follow_up_lists_every_recommendation_with_its_state(resolution, groups):
    document = Document(io.BytesIO(word.follow_up_docx(resolution=resolution, groups=groups)))
    assert document.paragraphs[0].text == "Информация о ходе выполнения рекомендаций"
    rows = [row for table in document.tables for row in table.rows[1:]]
    assert len(document.tables) == 5 and len(rows) == 24
    states = [row.cells[4].text for row in rows]
    assert states.count("Снято с контроля") == 1
    assert any("Проведён семинар для ТОС" in row.cells[5].text for row in rows)
    assert document.sections[0].page_width > document.sections[0].page_height  # landscape


def test_the_pdf_follow_up_has_the_recommendations_in_its_pages(resolution, groups):
    pages = pypdfium2.PdfDocument(pdf.follow_up_pdf(resolution=resolution, groups=groups))
    text = " ".join(" ".join(page.get_textpage().get_text_range().split()) for page in pages)
    assert "Информация о ходе выполнения рекомендаций" in text
    assert "Проведён семинар для ТОС" in text
    assert text.count("Снято с контроля") == 1
    pages.close()


def test_the_print_stylesheet_lays_out_the_follow_up_as_weasyprints_own_does(resolution, groups):
    html = pdf._follow_up_html(resolution, groups)
    assert printed(html_to_pdf(html)) == printed(with_weasyprints_own_stylesheet(html))
