"""Limits an upload meets before and while it is read: the size of the XML a reader parses
(issue 9: a 19 MB .docx of 180 MB XML took 3 GB and 2 minutes before being refused) and the
rows of a sheet (issue 9: 100,000 rows became 4,998 activities without a word)."""

from __future__ import annotations

import io
import random
import zipfile

import pytest
from openpyxl import Workbook

from muniplan.readers import read_document
from muniplan.readers.draft import ReadError
from muniplan.readers.tests.gold import load_gold
from muniplan.readers.tests.renditions import plan_docx

WORDS = "план совет мероприятие заседание муниципальный район отчёт комиссия срок".split()


def _padded_docx(megabytes: int) -> bytes:
    """A real plan whose body is followed by paragraphs of varied words, so that the file
    compresses like text (about 5:1), not like a zip bomb."""
    rng = random.Random(9)
    original = zipfile.ZipFile(io.BytesIO(plan_docx(load_gold("tyumen_2026"))))
    xml = original.read("word/document.xml").decode()
    paragraph = "<w:p><w:r><w:t>{}</w:t></w:r></w:p>"
    size = len(paragraph.format(" ".join(WORDS * 4)).encode())  # the words' mean length
    padding = "".join(
        paragraph.format(" ".join(rng.sample(WORDS * 4, k=len(WORDS) * 4)))
        for _ in range(megabytes * 1024 * 1024 // size)
    )
    xml = xml.replace("<w:sectPr", padding + "<w:sectPr", 1)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in original.infolist():
            data = xml.encode() if item.filename == "word/document.xml" else original.read(item)
            target.writestr(item.filename, data)
    return out.getvalue()


def test_a_docx_whose_body_xml_exceeds_the_limit_is_refused_naming_the_limit():
    data = _padded_docx(12)
    assert len(data) < 4 * 1024 * 1024  # small on disk, under the zip-bomb ratio
    with pytest.raises(ReadError) as error:
        read_document("тяжёлый.docx", data)
    message = str(error.value)
    assert "тяжёлый.docx" in message and "не более 10 МБ" in message


def test_a_docx_just_under_the_limit_is_read():
    draft = read_document("план.docx", _padded_docx(8))
    assert sum(len(s.activities) for s in draft.sections) == 34


def _long_sheet(rows: int) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("План")
    sheet.append(["№", "Наименование мероприятия", "Срок"])
    for number in range(1, rows + 1):
        sheet.append([number, f"Мероприятие {number}", "март"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_a_sheet_longer_than_the_row_limit_is_read_up_to_it_and_the_user_is_warned():
    draft = read_document("длинный.xlsx", _long_sheet(6000))
    activities = sum(len(s.activities) for s in draft.sections)
    assert activities == 4999  # the header and 4,999 rows: the first 5,000 rows of the sheet
    assert any("больше 5\u00a0000 строк" in w and "длинный.xlsx" in w for w in draft.warnings)


def test_a_sheet_within_the_limit_has_no_such_warning():
    draft = read_document("план.xlsx", _long_sheet(300))
    assert sum(len(s.activities) for s in draft.sections) == 300
    assert not any("строк" in w for w in draft.warnings)


def test_a_csv_longer_than_the_row_limit_is_read_up_to_it_and_the_user_is_warned():
    lines = ["№;Наименование мероприятия;Срок"] + [
        f"{n};Мероприятие {n};март" for n in range(1, 6001)
    ]
    draft = read_document("длинный.csv", "\n".join(lines).encode())
    assert sum(len(s.activities) for s in draft.sections) == 4999
    assert any("прочитаны только первые 5\u00a0000" in w for w in draft.warnings)
