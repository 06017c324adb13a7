"""Title, organization and year from the text above a plan table."""

from __future__ import annotations

import re

from muniplan.readers.grammar import genitive_to_nominative
from muniplan.readers.text.clean import clean_lines

_YEAR = re.compile(r"(?i)\bна\s+(20\d\d)\s*(?:год|г\.)")
_ANY_YEAR = re.compile(r"\b(20\d\d)\b")
_TITLE_START = re.compile(r"(?i)^\s*(план|перечень|график|программа)\b")
# The head nouns (genitive) an author organization's name starts with.
_ORG_HEAD = re.compile(
    r"(?i)\b(ассоциаци[ия]|совета|отделения|союза|палаты|комитета|департамента|администрации"
    r"|управления|думы|собрания)\b"
)
_ADJ_BEFORE = re.compile(r"(?i)\b(\S+(?:ого|его|ой|ей))\s+$")
# Words of an organization's proper name that keep a capital when the title is in capitals.
_PROPER = ("всероссийск", "общероссийск", "российск", "общенациональн", "международн")


def read_preamble(lines: list[str]) -> tuple[str, str | None, int | None]:
    """(title, organization, year).

    The title is the paragraph starting with «ПЛАН …» up to the line naming the year, joined
    as written. The organization is the genitive name in it («… деятельности Совета
    муниципальных образований Тюменской области на 2026 год») put in the nominative («Совет
    муниципальных образований Тюменской области»); a title typed in capitals gives a name in
    ordinary case with the proper-name words capitalized («Смоленское региональное отделение
    Всероссийского совета местного самоуправления»).
    """
    title = _title(lines)
    year_match = _YEAR.search(title) or _ANY_YEAR.search(title)
    year = int(year_match.group(1)) if year_match else None
    return title, _organization(title), year


def _title(lines: list[str]) -> str:
    cleaned = [line for raw in lines for line in clean_lines(raw)]
    start = next((i for i, line in enumerate(cleaned) if _TITLE_START.match(line)), 0)
    parts = []
    for line in cleaned[start:]:
        parts.append(line)
        if _YEAR.search(" ".join(parts)):
            break
    return " ".join(parts)


def _organization(title: str) -> str | None:
    head = _ORG_HEAD.search(title)
    if head is None:
        return None
    start = head.start()
    while (adjective := _ADJ_BEFORE.search(title[:start])) is not None:
        start = adjective.start(1)
    end = _YEAR.search(title)
    phrase = title[start : end.start() if end and end.start() > start else len(title)].strip(" ,.")
    if phrase.isupper():
        phrase = _ordinary_case(phrase)
    return genitive_to_nominative(phrase)


def _ordinary_case(phrase: str) -> str:
    words = phrase.lower().split(" ")
    out = []
    for index, word in enumerate(words):
        proper = index == 0 or word.startswith(_PROPER) or word.startswith("«")
        if word.startswith("«"):
            word = "«" + word[1:2].upper() + word[2:]
        elif proper:
            word = word[:1].upper() + word[1:]
        out.append(word)
    return " ".join(out)
