"""read_document refuses bad uploads with a Russian message naming the file, and dispatches
every seed to its reader."""

from __future__ import annotations

import io
import time
import zipfile

import pytest

from muniplan.readers import read_document
from muniplan.readers.draft import ReadError
from muniplan.readers.tests.gold import SEEDS_DIR, load_gold
from muniplan.readers.tests.renditions import plan_docx

CYRILLIC = set("абвгдеёжзийклмнопрстуфхцчшщъыьэюя")


def refusal(filename: str, data: bytes, **kwargs) -> str:
    with pytest.raises(ReadError) as error:
        read_document(filename, data, **kwargs)
    message = str(error.value)
    assert filename in message and CYRILLIC & set(message.lower()), message
    return message


@pytest.mark.parametrize(
    ("seed", "kind", "activities"),
    [
        ("tyumen_2026__tab_text.txt", "plan", 34),
        ("smolensk_2022__tab_html_text.txt", "plan", 15),
        ("tula_2024__month_grid_text.txt", "plan", None),
        ("smolensk_2021__pdf_dump.txt", "plan", None),
        ("smolensk_tos_congress_2020__resolution.txt", "resolution", None),
    ],
)
def test_every_seed_text_goes_to_the_reader_of_its_shape(seed, kind, activities):
    draft = read_document(seed, (SEEDS_DIR / seed).read_bytes())
    assert draft.kind == kind
    if activities is not None:
        assert sum(len(s.activities) for s in draft.sections) == activities


def test_a_text_saved_in_windows_1251_reads_like_utf8():
    seed = "smolensk_2022__tab_html_text.txt"
    text = (SEEDS_DIR / seed).read_text(encoding="utf-8")
    draft = read_document("plan.txt", text.encode("cp1251"))
    assert draft.organization == load_gold("smolensk_2022")["organization"]


def test_an_empty_file_is_refused():
    assert "пуст" in refusal("plan.docx", b"")


def test_an_unsupported_extension_is_refused_listing_the_allowed_ones():
    assert ".docx" in refusal("plan.odp", b"data")


def test_an_old_word_file_without_libreoffice_is_refused_saying_what_to_install(monkeypatch):
    monkeypatch.setattr("muniplan.readers.intake.convert.soffice", lambda: None)
    message = refusal("plan.doc", b"\xd0\xcf\x11\xe0 data")
    assert "libreoffice-writer-nogui" in message and "сохраните файл как .docx" in message


def test_a_file_over_the_limit_is_refused_with_sizes_in_megabytes():
    message = refusal("plan.docx", b"x" * (50 * 1024 * 1024))
    assert message == "Файл plan.docx слишком большой: 50,0 МБ, допустимо не более 20 МБ."


def test_the_size_limit_is_a_parameter():
    assert "не более 1 МБ" in refusal("plan.txt", b"x" * (2 * 1024 * 1024), limit=1024 * 1024)


def test_a_corrupted_docx_is_refused():
    assert "повреждён" in refusal("plan.docx", b"PK\x03\x04 not really a zip")


def test_a_zip_that_is_not_a_word_document_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hello")
    assert "Word" in refusal("plan.docx", buffer.getvalue())


def test_a_password_protected_docx_is_refused_as_such():
    encrypted = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100 + "EncryptionInfo".encode("utf-16-le")
    )
    assert "паролем" in refusal("plan.docx", encrypted)


def test_a_zip_bomb_is_refused_from_its_directory_before_anything_is_unpacked():
    buffer = io.BytesIO()
    chunk = b"\x00" * (16 * 1024 * 1024)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("word/document.xml", "<w:document/>")
        with archive.open("word/bomb.xml", "w", force_zip64=True) as entry:
            for _ in range(64):  # 1 GiB of zeros
                entry.write(chunk)
    started = time.monotonic()
    assert "zip-бомб" in refusal("plan.docx", buffer.getvalue())
    assert time.monotonic() - started < 1


def test_a_pdf_that_is_not_a_pdf_is_refused():
    assert "PDF" in refusal("plan.pdf", b"hello")


def test_a_text_with_neither_a_table_nor_a_resolution_is_refused():
    assert "не удалось распознать" in refusal("notes.txt", "Просто заметки\nбез таблицы\n".encode())


def test_a_binary_file_named_txt_is_refused():
    refusal("plan.txt", b"\x00\x01\x02" * 100)


def test_a_table_without_recognizable_headers_is_refused_naming_the_missing_columns():
    message = refusal("plan.csv", "Колонка А;Колонка Б\n1;что-то\n".encode())
    assert "не найдены столбцы" in message


def test_a_word_plan_goes_through_the_same_entry_point():
    gold = load_gold("tyumen_2026")
    draft = read_document("C:\\fakepath\\plan.docx".split("\\")[-1], plan_docx(gold))
    assert draft.year == 2026
