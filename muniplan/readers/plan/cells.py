"""What the text of one plan cell means: numbers, participants, partners, responsible, funding."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from muniplan.readers.draft import Participants
from muniplan.readers.grammar import instrumental_to_nominative
from muniplan.readers.text.clean import clean_lines

_NUMBER = re.compile(r"^(\d+(?:\.\d{1,3})*)\s*[.)]?$")
_NUMBER_THEN_TEXT = re.compile(r"^(\d+(?:\.\d{1,3})*)[.)]?\s+(\S.*)$", re.DOTALL)
# Up to this many digits an item number is read wherever it stands; a longer one looks like a
# year («2026» wrapped to the start of a line) and must continue the numbering to count.
_SHORT_ITEM = 3
_ROMAN = re.compile(r"^[IVXLC]{1,6}\.?$")

# A funding line names a budget source: «п.п. ___ Сметы на 2026 год», «за счёт средств …».
# «п.п.» is matched in lower case: «П.П.» is a person's initials («Петров П.П.»).
FUNDING = re.compile(
    r"(?i)((?-i:\b[пП]\.\s*п\.)|смет[аыеу]|бюджет|за\s+сч[её]т|финансирован|\bсредств[а]?\b)"
)

_COUNT = re.compile(
    # at most nine digits: a longer number is no headcount (and would not fit the database)
    r"(?i)(?:до|более|около|не\s+менее|свыше)?\s*(?<!\d)(\d{1,9})\s*(?:человек\w*|чел\.?|участник\w*)"
)
_PARTNER = re.compile(r"(?i)\b(совместно\s+с|по\s+согласованию\s+с)\s+")
# Inside a participants cell, an all-capitals abbreviation («РО ВСМС») ends the category;
# a following capitalized word («Избирком …», «Комитет …») starts an organization.
_ORG_AFTER_ABBR = re.compile(r"^(.*?\b[А-ЯЁA-Z]{2,}\b)\s+([А-ЯЁ][а-яё].*)$")


def parse_number(text: str, previous: str | None = None) -> str | None:
    """«1.» → "1", «6.1» → "6.1", «32. » → "32"; None when the cell is not a number.
    `previous` is the item number read last, which a long number must continue."""
    match = _NUMBER.match(" ".join(clean_lines(text)))
    return match.group(1) if match and is_item_number(match.group(1), previous) else None


def split_number(text: str, previous: str | None = None) -> tuple[str, str] | None:
    """«1. Участие …» → ("1", "Участие …"), for cells where the number and title were merged."""
    match = _NUMBER_THEN_TEXT.match(" ".join(clean_lines(text)))
    if not match or not is_item_number(match.group(1), previous):
        return None
    return match.group(1), match.group(2)


def is_item_number(number: str, previous: str | None) -> bool:
    """A number of four digits or more is an item number only where the plan's order expects
    it: the item after `previous` (999 → 1000) or a sub-item of it (1000 → 1000.1). A year at
    the start of a wrapped line («2026 год») seldom lands there, a long plan's numbers always."""
    top, _, sub = number.partition(".")
    if len(top) <= _SHORT_ITEM:
        return True
    if not previous:
        return False
    previous_top = int(previous.partition(".")[0])
    return int(top) == previous_top + (0 if sub else 1)


def is_roman(text: str) -> bool:
    return bool(_ROMAN.match(text.strip()))


# A line naming a body is a responsible unit even when its name speaks of money
# («Комитет по бюджету», «Бюджетно-финансовая комиссия»).
_BODY = re.compile(
    r"(?i)(комитет|комисси|отдел\b|отдела|аппарат|управлени|департамент|министерств)"
)


def is_funding(text: str) -> bool:
    return bool(FUNDING.search(text)) and not _BODY.search(text)


@dataclass
class ParticipantsCell:
    participants: list[Participants] = field(default_factory=list)
    partners: list[str] = field(default_factory=list)
    uncertain: list[str] = field(default_factory=list)  # field names for needs_review


def parse_participants(text: str) -> ParticipantsCell:
    """«Президиум РС ВСМС 5 человек\nчлены РО ВСМС 62 человек» → two groups with counts;
    «… совместно с Комитетом …» → the committee becomes a partner (in the nominative)."""
    result = ParticipantsCell()
    body = "\n".join(clean_lines(text))
    partner_match = _PARTNER.search(body)
    if partner_match:
        partners = body[partner_match.end() :].replace("\n", " ").split(";")
        body = body[: partner_match.start()]
        for partner in (p.strip(" .;,") for p in partners):
            if partner:
                result.partners.append(instrumental_to_nominative(partner))
    if _COUNT.search(body):
        groups = _groups(body.replace("\n", " "))
    else:
        groups = [(None, line.strip(" ,;")) for line in _uncounted_lines(body, result)]
    for count, category in groups:
        category = _split_off_organization(category, result)
        if category or count is not None:
            result.participants.append(Participants(count, category))
    return result


def _uncounted_lines(body: str, result: ParticipantsCell) -> list[str]:
    """Groups without counts, one a line («Президиум РС ВСМС» / «РО ВСМС»). A lone word is a
    wrapped tail of the line above; a line starting with a capitalized word («Избирком …»)
    names an organization, read as a partner and flagged."""
    lines: list[str] = []
    for line in body.split("\n"):
        if lines and (" " not in line.strip() or line[:1].islower()):
            lines[-1] = f"{lines[-1]} {line}"
        elif lines and line[:1].isupper() and line[1:2].islower():
            result.partners.append(line.strip(" .;,"))
            _flag(result)
        else:
            lines.append(line)
    return lines


def _flag(result: ParticipantsCell) -> None:
    for name in ("participants", "partners"):
        if name not in result.uncertain:
            result.uncertain.append(name)


def _groups(body: str) -> list[tuple[int | None, str]]:
    """(count, category) pairs: each count closes the category written before it."""
    groups, start = [], 0
    for match in _COUNT.finditer(body):
        category = body[start : match.start()].strip(" ,;:–-")
        groups.append((int(match.group(1)), category))
        start = match.end()
    rest = body[start:].strip(" ,;:–-.")
    if rest and groups and not groups[-1][1]:
        groups[-1] = (groups[-1][0], rest)  # «62 человека – члены РО»: category after count
    elif rest:
        groups.append((None, rest))
    return groups


def _split_off_organization(category: str, result: ParticipantsCell) -> str:
    """«члены РО ВСМС Избирком Смоленской области»: the cell lists an organization after the
    members without saying how it takes part; it is read as a partner and flagged."""
    match = _ORG_AFTER_ABBR.match(category)
    if not match:
        return category
    result.partners.append(match.group(2).strip(" .;,"))
    _flag(result)
    return match.group(1).strip()


def parse_responsible(text: str) -> tuple[list[str], str | None]:
    """«Аппарат Совета\\nп.п. ___ Сметы на 2026 год» → (["Аппарат Совета"], "п.п. … год")."""
    responsible, funding = [], []
    for line in clean_lines(text):
        if is_funding(line):
            funding.append(line)
            continue
        for name in re.split(r"\s*;\s*", line.rstrip("/ ")):
            if name and name not in responsible:
                responsible.append(name)
    return responsible, ("\n".join(funding) or None)
