"""PDF plans read through pdfplumber: renditions of the gold plans, scans and broken files."""

from __future__ import annotations

import base64
import io
import struct
import zlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from muniplan.readers import read_document as read_pdf
from muniplan.readers.draft import ReadError
from muniplan.readers.tests.gold import GOLD_DIR, load_gold, mismatches
from muniplan.readers.tests.pdf_renditions import plan_html, plan_pdf

PLANS = [
    p
    for p in ("tyumen_2026", "smolensk_2022", "smolensk_2021", "tula_2024")
    if (GOLD_DIR / f"{p}.json").exists()
]


@pytest.fixture(scope="module")
def pdfs() -> dict[str, bytes]:
    return {name: plan_pdf(load_gold(name)) for name in PLANS}


@pytest.mark.parametrize("name", PLANS)
def test_a_pdf_rendition_reads_back_as_its_gold(pdfs, name):
    got = read_pdf(f"{name}.pdf", pdfs[name]).to_json()
    assert mismatches(got, load_gold(name)) == []


def test_a_rendition_spans_pages_with_the_header_repeated_and_a_page_number(pdfs):
    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdfs["smolensk_2021"])) as pdf:
        texts = [page.extract_text() for page in pdf.pages]
    assert len(texts) > 1
    assert all("ОРИЕНТИРОВОЧНАЯ" in text for text in texts)
    assert texts[1].rstrip().endswith("2")


def test_link_annotations_leave_no_address_in_the_cells():
    from weasyprint import HTML

    gold = load_gold("smolensk_2021")
    html = plan_html(gold).replace(
        "Государственной Думы",
        '<a href="https://ru.wikipedia.org/wiki/Государственная_дума">Государственной Думы</a>',
    )
    got = read_pdf("links.pdf", HTML(string=html).write_pdf()).to_json()
    ninth = got["sections"][2]["activities"][0]
    assert ninth["title"] == gold["sections"][2]["activities"][0]["title"]
    assert "http" not in str(got)


def _png(width: int, height: int) -> bytes:
    """A grey image, written by hand so that the test needs no imaging library."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"".join(b"\x00" + bytes([128]) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def test_a_scan_without_a_text_layer_and_no_tesseract_is_refused_saying_what_to_install(
    monkeypatch,
):
    from weasyprint import HTML

    monkeypatch.setattr("muniplan.readers.sources.ocr.tesseract", lambda: None)
    image = base64.b64encode(_png(300, 200)).decode()
    data = HTML(string=f'<img src="data:image/png;base64,{image}">').write_pdf()
    with pytest.raises(
        ReadError, match=r"скан\.pdf — скан без текстового слоя; .*tesseract-ocr-rus"
    ):
        read_pdf("скан.pdf", data)


@pytest.mark.parametrize("data", [b"", b"%PDF-1.7\n1 0 obj <<", b"not a pdf at all"])
def test_a_broken_file_is_refused_in_russian_naming_it(data):
    with pytest.raises(ReadError, match="plan.pdf"):
        read_pdf("plan.pdf", data)


def test_a_truncated_rendition_is_refused_in_russian(pdfs):
    data = pdfs[PLANS[0]]
    with pytest.raises(ReadError, match="cut.pdf"):
        read_pdf("cut.pdf", data[: len(data) // 3])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000), st.sampled_from([b"", b"%PDF-1.4\n"]))
def test_any_bytes_give_a_plan_or_a_read_error(data, prefix):
    try:
        read_pdf("fuzz.pdf", prefix + data)
    except ReadError:
        pass


def test_reading_characters_one_by_one_finds_the_same_words_as_the_page_text(pdfs):
    import pypdfium2 as pdfium

    from muniplan.readers.sources.pdf import _words, _words_char_by_char

    pdf = pdfium.PdfDocument(pdfs[PLANS[0]])
    page = pdf[0]
    textpage = page.get_textpage()
    whole = [w["text"] for w in _words(textpage, page.get_height())]
    one_by_one = [w["text"] for w in _words_char_by_char(textpage, page.get_height())]
    textpage.close()
    page.close()
    pdf.close()
    assert whole == one_by_one
