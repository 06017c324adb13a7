"""Whatever bytes or text arrive, the readers answer with a draft or a ReadError, never with
another exception (which would be a 500 page instead of a message to the user)."""

from __future__ import annotations

import io
import zipfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from muniplan.readers import read_document
from muniplan.readers.draft import ReadError
from muniplan.readers.tests.gold import load_gold
from muniplan.readers.tests.renditions import plan_docx, plan_xlsx
from muniplan.readers.text import read_text

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
NAMES = st.sampled_from(["plan.docx", "plan.xlsx", "plan.csv", "plan.txt", "plan.pdf"])
# Text made of the pieces plans are made of, so the fuzzer reaches the table logic.
PIECES = st.sampled_from(
    [
        "\t",
        "\n",
        " ",
        "1.",
        "6.1",
        "№",
        "п/п",
        "Наименование мероприятия",
        "Срок",
        "январь-декабрь",
        "РЕЗОЛЮЦИЯ",
        "1) ",
        "2. ",
        "+ ",
        "<p>",
        "**",
        "п.п. ___ Сметы",
        "члены РО ВСМС 62 человек",
        "совместно с",
        "I ",
    ]
)
PLAN_TEXT = st.lists(PIECES, max_size=80).map("".join)
DOCX = plan_docx(load_gold("smolensk_2022"))
XLSX = plan_xlsx(load_gold("tyumen_2026"))


def answers_or_refuses(name: str, data: bytes) -> None:
    try:
        read_document(name, data)
    except ReadError:
        pass


@FAST
@given(NAMES, st.binary(max_size=2000))
def test_random_bytes_under_any_name_give_a_draft_or_a_read_error(name, data):
    answers_or_refuses(name, data)


@FAST
@given(st.one_of(PLAN_TEXT, st.text(max_size=500)))
def test_random_text_gives_a_draft_or_a_read_error(text):
    try:
        read_text("plan.txt", text)
    except ReadError:
        pass


@FAST
@given(st.sampled_from([("plan.docx", DOCX), ("plan.xlsx", XLSX)]), st.data())
def test_a_mutated_office_file_gives_a_draft_or_a_read_error(named, data):
    name, original = named
    mutated = bytearray(original)
    for _ in range(data.draw(st.integers(1, 20))):
        mutated[data.draw(st.integers(0, len(mutated) - 1))] = data.draw(st.integers(0, 255))
    answers_or_refuses(name, bytes(mutated))


@FAST
@given(st.sampled_from([("plan.docx", DOCX), ("plan.xlsx", XLSX)]), st.data())
def test_a_valid_zip_with_a_mutated_xml_part_gives_a_draft_or_a_read_error(named, data):
    """Byte flips mostly break the zip CRC; this reaches the XML parsers themselves."""
    name, original = named
    source = zipfile.ZipFile(io.BytesIO(original))
    part = data.draw(st.sampled_from([n for n in source.namelist() if n.endswith(".xml")]))
    xml = bytearray(source.read(part))
    for _ in range(data.draw(st.integers(1, 10))):
        xml[data.draw(st.integers(0, len(xml) - 1))] = data.draw(st.sampled_from(b'<>/"= a1'))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for item in source.namelist():
            target.writestr(item, bytes(xml) if item == part else source.read(item))
    answers_or_refuses(name, buffer.getvalue())
