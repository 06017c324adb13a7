"""Every export of every seed plan opens with its own library and says what the plan says."""

from __future__ import annotations

import datetime as dt
import io

import pdfplumber
import pytest
from docx import Document
from docx.oxml.ns import qn
from icalendar import Calendar
from openpyxl import load_workbook

from muniplan.documents.export import export_plan
from muniplan.documents.renderers.sheet import ID_HEADER
from muniplan.plans.services import plan_approve

from .conftest import SEED_PLANS, load_seed

pytestmark = pytest.mark.django_db


@pytest.fixture(params=list(SEED_PLANS))
def plan(request):
    return load_seed(request.param)


def test_the_word_file_is_a_landscape_table_with_a_repeated_header_and_page_numbers(plan):
    word = Document(io.BytesIO(export_plan(plan, "docx").data))
    section = word.sections[0]
    assert section.page_width > section.page_height
    table = word.tables[0]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert "PAGE" in section.footer._element.xml
    assert word.paragraphs[0].text == plan.title
    texts = {c.text for row in table.rows for c in row.cells}
    assert all(a.title.split("\n")[0] in texts for a in plan.activities.all()[:10])


def test_the_pdf_has_the_plan_text_on_a_sensible_number_of_pages(plan):
    with pdfplumber.open(io.BytesIO(export_plan(plan, "pdf").data)) as pdf:
        pages = len(pdf.pages)
        text = "".join(page.extract_text() or "" for page in pdf.pages)
        landscape = pdf.pages[0].width > pdf.pages[0].height
    assert 1 <= pages <= plan.activities.count()
    assert landscape
    # table cells wrap side by side, so the text comes line by line across columns: look for words
    last = plan.activities.order_by("id").last()
    assert all(word in text for word in last.title.split()[:6])
    assert plan.title.split()[0] in text


def test_the_excel_file_has_one_row_per_activity_with_months_a_frozen_header_and_filters(plan):
    sheet = load_workbook(io.BytesIO(export_plan(plan, "xlsx").data)).active
    header = next(r for r in sheet.iter_rows(values_only=True) if ID_HEADER in r)
    codes = [
        row[header.index(ID_HEADER)]
        for row in sheet.iter_rows(values_only=True)
        if isinstance(row[header.index(ID_HEADER)], int)
    ]
    assert sorted(codes) == sorted(plan.activities.values_list("pk", flat=True))
    assert {"Янв", "Дек"} <= set(header)
    assert sheet.freeze_panes is not None and sheet.auto_filter.ref.startswith("A")


def test_the_calendar_has_an_event_linking_to_each_scheduled_activity(plan):
    calendar = Calendar.from_ical(
        export_plan(plan, "ics", base_url="https://plan.example.ru/").data
    )
    events = calendar.walk("VEVENT")
    scheduled = plan.activities.exclude(months_mask=0)
    assert {str(e["url"]) for e in events} == {
        f"https://plan.example.ru/activities/{a.pk}/" for a in scheduled
    }
    assert all(e.decoded("dtstart") < e.decoded("dtend") for e in events)


def test_an_approved_plan_carries_the_approval_block_in_word_and_pdf(seed_plan):
    plan = seed_plan("tyumen_2026__tab_text.txt")
    plan_approve(
        plan=plan, by=None, decision="решение Президиума № 12", approved_on=dt.date(2025, 12, 15)
    )
    plan.refresh_from_db()
    word = Document(io.BytesIO(export_plan(plan, "docx").data))
    assert [p.text for p in word.paragraphs[:2]] == [
        "УТВЕРЖДЁН",
        "решением Президиума № 12 от 15.12.2025",
    ]
    with pdfplumber.open(io.BytesIO(export_plan(plan, "pdf").data)) as pdf:
        assert "УТВЕРЖДЁН" in pdf.pages[0].extract_text()


def test_the_notes_stand_under_the_table(seed_plan):
    plan = seed_plan("tyumen_2026__tab_text.txt")
    word = Document(io.BytesIO(export_plan(plan, "docx").data))
    body = list(word.element.body.iterchildren())
    table_index = next(i for i, e in enumerate(body) if e.tag == qn("w:tbl"))
    after = "".join(e.xpath("string(.)") for e in body[table_index + 1 :])
    assert plan.notes and plan.notes in after
