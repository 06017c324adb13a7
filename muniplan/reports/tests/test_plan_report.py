from __future__ import annotations

import datetime as dt
import io

import pdfplumber
import pypdfium2
import pytest
from docx import Document

from muniplan.documents.renderers.weasy import html_to_pdf
from muniplan.documents.tests.conftest import load_seed
from muniplan.documents.tests.print_pages import printed, with_weasyprints_own_stylesheet
from muniplan.execution.models import StatusOverride
from muniplan.execution.progress import activity_quotas
from muniplan.execution.services import status_override
from muniplan.execution.tests.conftest import add_report
from muniplan.plans.models import TABLE_ORDER
from muniplan.plans.selectors import plan_rows
from muniplan.reports import pdf, word
from muniplan.reports.periods import report_period
from muniplan.reports.selectors import plan_report

pytestmark = pytest.mark.django_db

YEAR_END = dt.date(2027, 1, 15)  # the report is written after the year


@pytest.fixture
def reported(plan, news_activity, admin_user):
    add_report(
        news_activity,
        admin_user,
        dt.date(2026, 3, 10),
        text="Две новости и статья о заседании Совета",
        participants=[(12, "главы поселений")],
        municipalities="Тобольский район",
        deliveries=[("новость", 2), ("статья", 1)],
    )
    add_report(
        plan.activities.get(number="21"),
        admin_user,
        dt.date(2026, 5, 20),
        text="Расширенное заседание Президиума",
        participants=[(30, "члены Президиума")],
    )
    status_override(
        activity=plan.activities.get(number="11.1"),
        by=admin_user,
        new="cancelled",
        reason="Модельная форма доклада утверждена ВАРМСУ",
        old="planned",
    )
    # decided in May: in force on every period's last day from the second quarter on
    StatusOverride.objects.update(created=dt.datetime(2026, 5, 4, 9, tzinfo=dt.UTC))
    return plan


def _text(document: Document) -> str:
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_the_annual_report_counts_reports_participants_and_quotas(reported):
    report = plan_report(reported, period=report_period(2026, "year"), today=YEAR_END)
    assert report.title == "Отчёт о выполнении плана работы за 2026 год"
    assert report.reports == 2 and report.activities_reported == 2 and report.participants == 42
    news = next(q for q in report.quotas if q.item == "новости")
    assert news.delivered == 2 and news.expected in (52, 53) and news.behind == news.expected - 2
    assert report.tally.total == 6


def test_the_table_of_failures_gives_a_reason_for_each(reported):
    report = plan_report(reported, period=report_period(2026, "year"), today=YEAR_END)
    reasons = {line.activity.number: line.not_done_reason for line in report.not_done}
    assert reasons["11.1"] == "Модельная форма доклада утверждена ВАРМСУ"
    assert reasons["1"] == "Отчёт об исполнении не представлен" or reasons["1"].startswith(
        "Нет отчёта за:"
    )
    assert "27" not in reasons  # «по мере необходимости»: never overdue by the calendar


def test_a_quarter_report_lists_only_that_quarters_work(reported):
    first = plan_report(reported, period=report_period(2026, "q1"), today=YEAR_END)
    second = plan_report(reported, period=report_period(2026, "q2"), today=YEAR_END)
    assert (first.reports, second.reports) == (1, 1)
    assert first.period.label == "I квартал 2026 года" and first.stated_on == dt.date(2026, 3, 31)


def test_the_word_report_reads_back_with_its_figures_texts_and_chart(reported):
    report = plan_report(reported, period=report_period(2026, "year"), today=YEAR_END)
    document = Document(io.BytesIO(word.plan_report_docx(report)))
    text = _text(document)
    assert document.paragraphs[0].text == report.title
    assert document.paragraphs[1].text == "Совет муниципальных образований Тюменской области"
    assert "новости: 2 из 52, отставание 50" in text or "новости: 2 из 53, отставание 51" in text
    for expected in (
        "Основные показатели",
        "Две новости и статья о заседании Совета. Участники: главы поселений 12 человек",
        "Тобольский район",
        "Невыполненные мероприятия и причины",
        "Модельная форма доклада утверждена ВАРМСУ",
        "новости",
    ):
        assert expected in text
    assert len(document.inline_shapes) == 1  # the completion chart


STATUS_ROWS = ("Выполнено", "Выполняется", "Запланировано", "Просрочено", "Отменено", "Перенесено")


def test_word_and_pdf_state_the_same_figures_with_every_status_accounted_for(reported):
    report = plan_report(reported, period=report_period(2026, "year"), today=YEAR_END)
    document = Document(io.BytesIO(word.plan_report_docx(report)))
    in_word = [[cell.text for cell in row.cells] for row in document.tables[0].rows]
    with pdfplumber.open(io.BytesIO(pdf.plan_report_pdf(report))) as printed_report:
        table = printed_report.pages[0].extract_tables()[0]
    in_pdf = [[" ".join(cell.split()) for cell in row] for row in table]
    assert in_pdf == in_word
    figures = dict(in_word[1:])
    assert sum(int(figures[label]) for label in STATUS_ROWS) == int(figures["Мероприятий плана"])
    assert figures["Отменено"] == "1"
    assert figures["Проведено мероприятий за 2026 год (отчётов об исполнении)"] == "2"


def test_the_pdf_report_has_its_text_in_the_pages(reported):
    report = plan_report(reported, period=report_period(2026, "year"), today=YEAR_END)
    pages = pypdfium2.PdfDocument(pdf.plan_report_pdf(report))
    text = " ".join(" ".join(page.get_textpage().get_text_range().split()) for page in pages)
    assert 1 <= len(pages) <= 6
    assert "Отчёт о выполнении плана работы" in text
    assert "Расширенное заседание Президиума" in text
    assert "Модельная форма доклада утверждена ВАРМСУ" in text
    pages.close()


@pytest.fixture
def in_two_parts(reported, monkeypatch):
    """The report cut in two (a low threshold stands in for thousands of reports); what the
    children gave back is recorded."""
    from muniplan.documents.renderers import weasy

    monkeypatch.setattr(pdf, "PARALLEL_FROM_LINES", 1)
    monkeypatch.setattr(pdf.os, "sched_getaffinity", lambda pid: {0, 1})  # two cores
    children = []
    real = weasy.Helper.pdf
    monkeypatch.setattr(
        weasy.Helper, "pdf", lambda helper: children.append(real(helper)) or children[-1]
    )
    return children


def _assert_one_numbered_document(report) -> None:
    """The title, the sections and the table of failures once each, the pages numbered «N из M»
    through both parts, the second part opening a page with its section's title."""
    head, tail = pdf._halves(report.sections)
    assert head and tail
    data = pdf.plan_report_pdf(report)
    pages = pypdfium2.PdfDocument(data)
    texts = [" ".join(page.get_textpage().get_text_range().split()) for page in pages]
    pages.close()
    total = len(texts)
    assert total >= 2
    assert all(text.endswith(f"{n} из {total}") for n, text in enumerate(texts, 1)), texts
    with pdfplumber.open(io.BytesIO(data)) as document:  # every glyph drawn, none laid over twice
        footers = [
            "".join(c["text"] for c in page.chars if c["top"] > page.height - 51)
            for page in document.pages
        ]
    assert footers == [f"{n} из {total}" for n in range(1, total + 1)]
    whole = " ".join(texts)
    assert whole.count("Отчёт о выполнении плана работы") == 1
    assert whole.count("5. Невыполненные мероприятия и причины") == 1
    for expected in (
        "Расширенное заседание Президиума",
        "Модельная форма доклада утверждена ВАРМСУ",
    ):
        assert expected in whole
    assert any(text.startswith(tail[0].title) for text in texts[1:])


def test_a_long_pdf_report_made_in_two_parts_reads_as_one_numbered_document(reported, in_two_parts):
    report = plan_report(reported, period=report_period(2026, "year"), today=YEAR_END)
    _assert_one_numbered_document(report)
    assert len(in_two_parts) == 2 and None not in in_two_parts


def test_a_long_report_whose_children_fail_is_made_and_numbered_here(
    reported, in_two_parts, monkeypatch
):
    from muniplan.documents.renderers import weasy

    monkeypatch.setattr(weasy.sys, "executable", "/nonexistent/python")
    report = plan_report(reported, period=report_period(2026, "year"), today=YEAR_END)
    _assert_one_numbered_document(report)
    assert in_two_parts == [None, None]


def test_a_part_whose_child_fails_after_counting_its_pages_is_numbered_here(
    reported, in_two_parts, monkeypatch
):
    """The first child's part comes back numbered; the second child's file is lost, so its part
    is laid out and numbered here — once, in the same sequence."""
    from muniplan.documents.renderers import weasy

    real = weasy.Helper.pdf
    calls = []

    def second_lost(helper):
        calls.append(real(helper))
        return calls[-1] if len(calls) == 1 else None

    monkeypatch.setattr(weasy.Helper, "pdf", second_lost)
    report = plan_report(reported, period=report_period(2026, "year"), today=YEAR_END)
    _assert_one_numbered_document(report)
    assert len(calls) == 2 and None not in calls


def test_the_print_stylesheet_lays_out_the_report_as_weasyprints_own_does(reported):
    """Headings (and the file's bookmarks), lists, tables, the charts and the footer «N из M»."""
    report = plan_report(reported, period=report_period(2026, "year"), today=YEAR_END)
    html = pdf._report_html(report, report.sections)
    ours = printed(html_to_pdf(html))
    assert ours["outline"] and ours["pages"][0]["rects"]
    assert ours == printed(with_weasyprints_own_stylesheet(html))


def test_a_report_without_quotas_numbers_its_parts_without_a_gap(plan):
    for activity in plan.activities.all():
        if activity_quotas(activity):
            activity.delete()
    report = plan_report(plan, period=report_period(2026, "year"), today=YEAR_END)
    assert report.quotas == []
    expected = [
        "1. Основные показатели",
        "2. Выполнение по разделам",
        "3. Выполнение мероприятий плана",
        "4. Невыполненные мероприятия и причины",
    ]
    document = Document(io.BytesIO(word.plan_report_docx(report)))
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 2"] == expected
    with pdfplumber.open(io.BytesIO(pdf.plan_report_pdf(report))) as printed_report:
        lines = "\n".join(page.extract_text() for page in printed_report.pages).splitlines()
    assert [line for line in lines if line[:2] in ("1.", "2.", "3.", "4.", "5.")] == expected


def test_the_report_lists_activities_in_the_plans_table_order(tula, admin_user):
    plan = load_seed("tula_2024__month_grid_text.txt", by=admin_user, organization=tula)
    assert plan.activities.filter(parent__isnull=False).exists()  # «6.1» under «6»
    table = [a.number for rows in plan_rows(plan) for a in rows.activities]
    report = plan_report(plan, period=report_period(2024, "year"), today=dt.date(2025, 1, 15))
    assert [line.activity.number for s in report.sections for line in s.lines] == table
    ordered = list(plan.activities.order_by(*TABLE_ORDER).values_list("number", flat=True))
    assert ordered == table  # the API's pages, the calendar and the dashboard use this order


def test_lines_typed_in_a_browser_are_lines_in_word_and_a_list_of_municipalities(
    plan, news_activity, admin_user
):
    add_report(
        news_activity,
        admin_user,
        dt.date(2026, 3, 10),
        text="Проведён семинар.\r\nРазосланы материалы.",
        municipalities="Тюмень\r\nИшим",
    )
    report = plan_report(plan, period=report_period(2026, "q1"), today=YEAR_END)
    document = Document(io.BytesIO(word.plan_report_docx(report)))
    xml = document.element.xml
    assert "\r" not in xml and "&#13;" not in xml
    line = next(p for p in document.paragraphs if "Проведён семинар." in p.text)
    assert line.text == (
        "10.03.2026: Проведён семинар.\nРазосланы материалы. Муниципальные образования: Тюмень, Ишим."
    )


def test_a_project_heading_over_its_sub_items_takes_their_state_and_is_not_counted(
    tula, admin_user
):
    plan = load_seed("tula_2024__month_grid_text.txt", by=admin_user, organization=tula)
    project = plan.activities.get(number="6")  # «Проект «Культура и власть»:», no period of its own
    parts = list(project.children.all())
    assert parts and not project.months_mask
    report = plan_report(plan, period=report_period(2024, "year"), today=dt.date(2025, 1, 15))
    lines = {line.activity.pk: line for s in report.sections for line in s.lines}
    heading = lines[project.pk].status
    assert heading.heading and heading.tally_code is None
    assert {lines[p.pk].status.code for p in parts} == {"overdue"}  # no reports in the demo year
    assert heading.code == "overdue"
    headings = sum(1 for line in lines.values() if line.status.heading)
    assert report.tally.total == plan.activities.count() - headings
    assert project.pk not in {line.activity.pk for line in report.not_done}
