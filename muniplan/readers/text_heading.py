"""Title, organization and year from the heading lines of a plan read from plain text.

A plan heading names its author in the genitive («План работы Ассоциации «Совет ...» на 2024
год»); the organization field wants the nominative. Only the head phrase before any quotes is
inflected: the words after it stay in the genitive as in the official name («Смоленское
региональное отделение Всероссийского Совета местного самоуправления»).
"""

from __future__ import annotations

import re

YEAR = re.compile(r"\bна\s+(\d{4})\s*год", re.IGNORECASE)
PLAN_WORDS = re.compile(r"^\s*план\s+(работы|мероприятий)\s*", re.IGNORECASE)
ADJECTIVE_GENITIVE = ("ого", "его", "ой", "ей")


def plan_heading(lines: list[str], body: str) -> tuple[str, str | None, int | None]:
    """(title, organization, year) from the non-empty heading lines; body restores casing."""
    title = " ".join(" ".join(line.split()) for line in lines if line.strip())
    match = YEAR.search(title)
    year = int(match.group(1)) if match else None
    return title, organization_from_title(title, body), year


def organization_from_title(title: str, body: str) -> str | None:
    name = PLAN_WORDS.sub("", title)
    name = YEAR.split(name)[0].strip() if YEAR.search(name) else name.strip()
    if not name or name == title:
        return None
    words = name.split()
    if all(not w.isalpha() or w.isupper() for w in words):
        words = _document_casing(words, body)
    return " ".join(_nominative_head(words))


def _nominative_head(words: list[str]) -> list[str]:
    """Put the leading adjectives and their noun in the nominative; leave the rest as written."""
    head = next(
        (i for i, w in enumerate(words) if w.startswith("«") or not _is_adjective(w)), None
    )
    if head is None or words[head].startswith("«"):
        return words
    noun, gender = _noun_nominative(words[head])
    adjectives = [_adjective_nominative(w, gender) for w in words[:head]]
    return [*adjectives, noun, *words[head + 1:]]


def _is_adjective(word: str) -> bool:
    return word.lower().endswith(ADJECTIVE_GENITIVE)


def _noun_nominative(word: str) -> tuple[str, str]:
    endings = (("ения", "ение", "n"), ("ания", "ание", "n"), ("ии", "ия", "f"), ("ы", "а", "f"),
               ("а", "", "m"))
    lower = word.lower()
    for genitive, nominative, gender in endings:
        if lower.endswith(genitive):
            return _same_case(word, word[: len(word) - len(genitive)] + nominative), gender
    return word, "m"


def _adjective_nominative(word: str, gender: str) -> str:
    nominative = {"n": "ое", "f": "ая", "m": "ий"}[gender]
    stem = word[:-3] if word.lower().endswith(("ого", "его")) else word[:-2]
    if gender == "m" and not stem.lower().endswith(("к", "г", "х", "ж", "ш", "ч", "щ")):
        nominative = "ый"
    return _same_case(word, stem + nominative)


def _same_case(model: str, word: str) -> str:
    return word.upper() if model.isupper() else word


def _document_casing(words: list[str], body: str) -> list[str]:
    """Lower an all-capitals name, keeping capitals where the body writes that word with one.

    The body spells the same name in running text («Смоленского Регионального отделения»), so
    its casing is the document's own; matching on the first five letters ignores the case ending.
    """
    capitalised = {m.group(0)[:5].lower() for m in re.finditer(r"(?<=[\w,»] )[А-ЯЁ][а-яё]+", body)}
    result = []
    for i, word in enumerate(words):
        lower = word.lower()
        keep_capital = i == 0 or lower[:5] in capitalised
        result.append(lower[:1].upper() + lower[1:] if keep_capital else lower)
    return result
