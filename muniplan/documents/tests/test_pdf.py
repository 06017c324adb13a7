"""A long plan's PDF is laid out in two halves, the second in a child process, and joined: the
file must read as one document whatever path it took."""

from __future__ import annotations

import io

import pdfplumber
import pytest

from muniplan.documents.export import export_plan
from muniplan.documents.layouts import get_layout, plan_document
from muniplan.documents.renderers import pdf as renderer
from muniplan.documents.renderers import weasy

from .conftest import SEED_PLANS
from .print_pages import printed, with_weasyprints_own_stylesheet

pytestmark = pytest.mark.django_db


@pytest.fixture
def halves(monkeypatch):
    """Cut even a seed plan in two, and record what the child processes gave back."""
    monkeypatch.setattr(renderer, "PAGES_PER_PART", 1)
    monkeypatch.setattr(renderer, "MAX_PARTS", 2)
    monkeypatch.setattr(renderer.os, "sched_getaffinity", lambda pid: {0, 1})  # two cores
    children = []
    real = weasy.Helper.pdf

    def recorded(helper):
        children.append(real(helper))
        return children[-1]

    monkeypatch.setattr(weasy.Helper, "pdf", recorded)
    return children


def _pages(data: bytes) -> list[tuple[str, str]]:
    """(the page's text above the footer, the footer) of every page."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        out = []
        for page in pdf.pages:
            footer_top = page.height - 36
            body = page.crop((0, 0, page.width, footer_top)).extract_text() or ""
            footer = page.crop((0, footer_top, page.width, page.height)).extract_text() or ""
            out.append((body, footer.strip()))
        return out


def _assert_reads_as_one_document(plan, data: bytes) -> None:
    pages = _pages(data)
    assert len(pages) >= 2
    assert [footer for _, footer in pages] == [str(n) for n in range(1, len(pages) + 1)]
    title_start = " ".join(plan.title.split()[:3])
    assert [title_start in body for body, _ in pages].count(True) == 1
    assert title_start in pages[0][0]
    text = "".join(body for body, _ in pages)
    last_note = plan.notes.strip().splitlines()[-1].strip()
    assert last_note.split()[0] in pages[-1][0] and text.count(last_note[:40]) == 1
    for activity in plan.activities.order_by("id"):
        assert all(word in text for word in activity.title.split()[:4]), activity.title


def test_a_plan_laid_out_in_two_halves_reads_as_one_document(seed_plan, halves):
    plan = seed_plan("tyumen_2026__tab_text.txt")
    data = export_plan(plan, "pdf").data
    assert len(halves) == 2 and all(pdf.startswith(b"%PDF") for pdf in halves)
    _assert_reads_as_one_document(plan, data)


def test_without_child_processes_both_halves_are_laid_out_in_the_server(
    seed_plan, halves, monkeypatch
):
    plan = seed_plan("tyumen_2026__tab_text.txt")
    monkeypatch.setattr(weasy.sys, "executable", "/nonexistent/python")
    data = export_plan(plan, "pdf").data
    assert halves == [None, None]
    _assert_reads_as_one_document(plan, data)


def test_a_first_half_longer_than_estimated_renumbers_the_second(seed_plan, halves, monkeypatch):
    """Pages estimated three times too roomy: each chunk overflows onto more pages, so the second
    half cannot start where the estimate said."""
    plan = seed_plan("tyumen_2026__tab_text.txt")
    monkeypatch.setattr(renderer, "_FILL", 3.0)
    assert len(renderer.paginate(plan_document(plan, get_layout(None, plan.organization)))) >= 2
    _assert_reads_as_one_document(plan, export_plan(plan, "pdf").data)


@pytest.mark.parametrize("layout", ["tyumen", "tula", "smolensk"])
@pytest.mark.parametrize("seed", list(SEED_PLANS))
def test_every_page_sized_table_fits_its_page(seed_plan, seed, layout):
    """Rows are measured with the font's widths: each table the plan is cut into takes exactly one
    page, none runs over onto a page of its own."""
    plan = seed_plan(seed)
    chunks = renderer.paginate(plan_document(plan, get_layout(layout, plan.organization)))
    with pdfplumber.open(io.BytesIO(export_plan(plan, "pdf", layout=layout).data)) as pdf:
        assert len(pdf.pages) == len(chunks)


def test_a_page_is_filled_before_the_next_begins(seed_plan):
    """The estimate is not so cautious that pages stay half empty: a page's rows and the row that
    opens the next one would not have fitted together."""
    plan = seed_plan("tyumen_2026__tab_text.txt")
    document = plan_document(plan, get_layout("tyumen", plan.organization))
    chunks = renderer.paginate(document)
    page = renderer._PAGE_HEIGHT - renderer._header_height(document.layout)
    for chunk, following in zip(chunks[1:], chunks[2:], strict=False):
        used = sum(renderer._row_height(document.layout, row) for row in chunk)
        assert used + renderer._row_height(document.layout, following[0]) > page * 0.9


@pytest.mark.parametrize("layout", ["tyumen", "tula", "smolensk"])
def test_the_print_stylesheet_lays_out_a_plan_as_weasyprints_own_does(seed_plan, layout):
    """`print_ua.css` stands in for WeasyPrint's user agent stylesheet only to be faster: every
    character, line and box of every page stays where WeasyPrint's own puts it."""
    plan = seed_plan("smolensk_2022__tab_html_text.txt")
    document = plan_document(plan, get_layout(layout, plan.organization))
    html = renderer._html(document, renderer.paginate(document), first_page=1)
    ours = printed(weasy.render(html)[0])
    assert ours["pages"] and ours["pages"][0]["chars"]
    assert ours == printed(with_weasyprints_own_stylesheet(html))


@pytest.mark.parametrize("seed", list(SEED_PLANS))
def test_no_line_of_a_cell_runs_over_its_border(seed_plan, seed):
    """Cells hold their text in lines broken by the font's widths and WeasyPrint does not break
    them again: no character may reach over a column's ruled line."""
    plan = seed_plan(seed)
    with pdfplumber.open(io.BytesIO(export_plan(plan, "pdf").data)) as pdf:
        for page in pdf.pages:
            rules = [e for e in page.edges if e["orientation"] == "v"]
            assert rules
            for char in page.chars:
                middle = (char["top"] + char["bottom"]) / 2
                crossed = [
                    r
                    for r in rules
                    if r["top"] < middle < r["bottom"]
                    and char["x0"] + 0.1 < r["x0"] < char["x1"] - 0.1
                ]
                assert not crossed, (page.page_number, char["text"], char["x0"], char["x1"])


def test_a_long_plan_starts_its_children_before_it_is_measured(seed_plan, halves, monkeypatch):
    plan = seed_plan("tyumen_2026__tab_text.txt")
    monkeypatch.setattr(renderer, "EARLY_HELPERS_FROM_ROWS", 1)
    _assert_reads_as_one_document(plan, export_plan(plan, "pdf").data)
    assert len(halves) == 2 and None not in halves


def test_children_started_early_for_a_plan_of_one_part_are_stopped(seed_plan, monkeypatch):
    plan = seed_plan("tyumen_2026__tab_text.txt")
    monkeypatch.setattr(renderer, "EARLY_HELPERS_FROM_ROWS", 1)
    monkeypatch.setattr(renderer.os, "sched_getaffinity", lambda pid: {0, 1})
    started = []
    real_init = weasy.Helper.__init__
    monkeypatch.setattr(
        weasy.Helper, "__init__", lambda helper: real_init(helper) or started.append(helper)
    )
    data = export_plan(plan, "pdf").data  # a plan of a few pages: laid out here
    assert data.startswith(b"%PDF") and len(started) == 2
    assert all(helper.process.poll() is not None for helper in started)


def test_a_frequency_word_stays_whole_in_the_tula_year_column(seed_plan):
    """The Tula plan writes how often an activity happens in its «В течение года» column; the column
    is wide enough that such a word is not broken inside («ежекварталь|но»)."""
    plan = seed_plan("tula_2024__month_grid_text.txt")
    words = ["ежеквартально", "еженедельно", "ежемесячно", "в течение года"]
    for activity, word in zip(plan.activities.order_by("id"), words, strict=False):
        activity.period_text = word
        activity.save(update_fields=["period_text"])
    with pdfplumber.open(io.BytesIO(export_plan(plan, "pdf", layout="tula").data)) as pdf:
        lines = [line for page in pdf.pages for line in (page.extract_text() or "").splitlines()]
    for word in words:
        assert any(word in line for line in lines), word
