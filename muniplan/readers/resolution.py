"""A congress resolution: event, date, place, a preamble, and recommendations by addressee.

The document reads as paragraphs: the event name above «РЕЗОЛЮЦИЯ», a narrative preamble
ending with «… рекомендовать:», then «1. Органам …:» addressees each followed by
«1) …;» recommendations, and a closing paragraph («Направить настоящую резолюцию …»).

Decisions: the place is given in the nominative when the city's ending allows it for sure
(«в городе Смоленске» → «город Смоленск»), otherwise as written with a warning; an addressee
with a single unnumbered recommendation gets number "1"; list punctuation (one trailing «;» or
«.») is dropped from recommendations, since the product shows them as separate items.
"""

from __future__ import annotations

import re

from muniplan.readers.draft import Addressee, ReadError, Recommendation, ResolutionDraft
from muniplan.readers.grammar import locative_city_to_nominative
from muniplan.readers.text.clean import clean_lines

_TITLE = re.compile(r"(?i)^\s*резолюция\s*$")
_ADDRESSEE = re.compile(r"^(\d{1,2})\.\s+(\S.*)$")
_ITEM = re.compile(r"^(\d{1,2})\)\s*(\S.*)$")
_GENITIVE_MONTHS = (
    "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря",
)  # fmt: skip
_DATE = re.compile(r"(?i)\b(\d{1,2})\s+(" + "|".join(_GENITIVE_MONTHS) + r")\s+(\d{4})")
_PLACE = re.compile(r"(?i)\bв\s+(городе|г\.)\s*([А-ЯЁ][а-яё-]+)")
_PARTICIPANTS = re.compile(r"(?i)\b((?:более|свыше|около|порядка)?\s*(\d+)\s+человек)")


def looks_like_resolution(lines: list[str]) -> bool:
    return any(_TITLE.match(line) for line in lines[:40])


def read_resolution_text(filename: str, text: str) -> ResolutionDraft:
    return resolution_from_paragraphs(filename, text.replace("\r\n", "\n").split("\n"))


def resolution_from_paragraphs(filename: str, paragraphs: list[str]) -> ResolutionDraft:
    """`paragraphs` are the document's lines or Word paragraphs; blank ones separate blocks."""
    lines = [" ".join(clean_lines(p)) for p in paragraphs]
    title_at = next((i for i, line in enumerate(lines) if _TITLE.match(line)), None)
    if title_at is None:
        raise ReadError(f"Файл {filename}: не найден заголовок «РЕЗОЛЮЦИЯ».")
    body_at = next((i for i in range(title_at + 1, len(lines)) if _ADDRESSEE.match(lines[i])), None)
    if body_at is None:
        raise ReadError(f"Файл {filename}: в резолюции не найден список адресатов «1. …».")
    preamble = "\n".join(line for line in lines[title_at + 1 : body_at] if line)
    draft = ResolutionDraft(
        title=lines[title_at].strip(),
        event=" ".join(line for line in lines[:title_at] if line) or None,
        date=_date(preamble),
        place=None,
        participants=None,
        preamble=preamble,
    )
    _fill_place(draft, preamble)
    count = _PARTICIPANTS.search(preamble)
    if count:
        draft.participants = " ".join(count.group(1).split())
        draft.participants_count = int(count.group(2))
    draft.addressees, closing = _addressees(lines[body_at:])
    draft.closing = "\n".join(closing)
    return draft


def _date(text: str) -> str | None:
    match = _DATE.search(text)
    if not match:
        return None
    month = _GENITIVE_MONTHS.index(match.group(2).lower()) + 1
    return f"{match.group(3)}-{month:02d}-{int(match.group(1)):02d}"


def _fill_place(draft: ResolutionDraft, preamble: str) -> None:
    match = _PLACE.search(preamble)
    if not match:
        return
    city = locative_city_to_nominative(match.group(2))
    if city:
        draft.place = f"город {city}"
    else:
        draft.place = match.group(0)
        draft.warnings.append(f"Место проведения записано как в документе: «{match.group(0)}».")


def _addressees(lines: list[str]) -> tuple[list[Addressee], list[str]]:
    addressees: list[Addressee] = []
    closing: list[str] = []
    naming = False  # the addressee's name may wrap onto the next line until its colon
    gap = False
    for line in lines:
        if not line:
            gap, naming = True, False
            continue
        head, item = _ADDRESSEE.match(line), _ITEM.match(line)
        if closing or (gap and not head and addressees and addressees[-1].recommendations):
            closing.append(line)
        elif head:
            addressees.append(Addressee(name=head.group(2).rstrip(" :")))
            naming = not line.rstrip().endswith(":")
        elif naming and not item:
            addressees[-1].name = f"{addressees[-1].name} {line}".rstrip(" :")
            naming = not line.rstrip().endswith(":")
        else:
            _add_item(addressees[-1], item, line)
        gap = False
    return addressees, closing


def _add_item(addressee: Addressee, item: re.Match | None, line: str) -> None:
    items = addressee.recommendations
    if item:
        items.append(Recommendation(item.group(1), _strip_list_mark(item.group(2))))
    elif items:
        items[-1].text = _strip_list_mark(f"{items[-1].text} {line}")
    else:
        items.append(Recommendation("1", _strip_list_mark(line)))


def _strip_list_mark(text: str) -> str:
    """One trailing «;», «,» or «.» of a list item goes; the period of «и т.д.» stays."""
    text = text.strip()
    if text.endswith((";", ",")) or (text.endswith(".") and not text.endswith(_ABBREVIATIONS)):
        text = text[:-1].rstrip()
    return text


_ABBREVIATIONS = ("т.д.", "т.п.", "др.", "пр.", "г.")
