"""Scans read by Tesseract through the PDF reader's row and column algorithm: a seed plan's
first page rendered to an image and back to a PDF without text reads with every cell marked
for review and its titles at least 90% equal by character to the seed's."""

from __future__ import annotations

import difflib
import io
import shutil

import pytest

from muniplan.readers import read_document
from muniplan.readers.draft import ReadError
from muniplan.readers.tests.gold import load_gold
from muniplan.readers.tests.pdf_renditions import plan_pdf

pytestmark = pytest.mark.skipif(shutil.which("tesseract") is None, reason="Tesseract absent")


def scanned_first_page(gold: dict, *, image_format: str = "PDF") -> tuple[bytes, str]:
    """The first page of the gold's PDF rendition as a 200 dpi greyscale scan, and the page's
    text (to know which activities the page holds)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(plan_pdf(gold))
    page = pdf[0]
    image = page.render(scale=200 / 72).to_pil().convert("L")
    text = " ".join(page.get_textpage().get_text_range().split())
    buffer = io.BytesIO()
    image.save(buffer, image_format, resolution=200, dpi=(200, 200))
    return buffer.getvalue(), text


def title_similarity(gold: dict, draft, page_text: str) -> tuple[float, int]:
    """Characters of the page's gold titles matched in the titles read, as a share; and how
    many activities the page holds."""
    read = {a.number: a.title for s in draft.sections for a in s.activities}
    on_page = [
        a
        for s in gold["sections"]
        for a in s["activities"]
        if " ".join(a["title"].split()[:4]) in page_text
    ]
    matched = sum(
        sum(
            b.size
            for b in difflib.SequenceMatcher(
                None, a["title"], read.get(a["number"], "")
            ).get_matching_blocks()
        )
        for a in on_page
    )
    return matched / sum(len(a["title"]) for a in on_page), len(on_page)


@pytest.mark.parametrize("gold_name", ["tyumen_2026", "smolensk_2022"])
def test_a_scanned_seed_page_reads_with_every_cell_marked_for_review(gold_name):
    gold = load_gold(gold_name)
    scan, page_text = scanned_first_page(gold)
    draft = read_document(f"{gold_name}__scan.pdf", scan)
    similarity, count = title_similarity(gold, draft, page_text)
    activities = [a for s in draft.sections for a in s.activities]
    assert count >= 5 and len(activities) == count
    assert similarity >= 0.9, similarity
    assert all(
        {"number", "title", "period", "responsible"} <= set(a.needs_review) for a in activities
    )


def test_a_scanned_page_uploaded_as_an_image_reads_the_same_way():
    gold = load_gold("smolensk_2022")
    scan, page_text = scanned_first_page(gold, image_format="PNG")
    draft = read_document("скан.png", scan)
    assert title_similarity(gold, draft, page_text)[0] >= 0.9


def test_without_tesseract_an_image_is_refused_saying_what_to_install(monkeypatch):
    monkeypatch.setattr("muniplan.readers.sources.ocr.tesseract", lambda: None)
    scan, _ = scanned_first_page(load_gold("smolensk_2022"), image_format="PNG")
    with pytest.raises(ReadError) as error:
        read_document("скан.png", scan)
    assert "скан.png" in str(error.value) and "tesseract-ocr-rus" in str(error.value)


def test_a_damaged_image_is_refused_naming_it():
    with pytest.raises(ReadError) as error:
        read_document("фото.jpg", b"\xff\xd8\xff\xe0 not really a jpeg")
    assert "фото.jpg" in str(error.value)
