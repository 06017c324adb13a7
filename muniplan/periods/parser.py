"""`parse_period`: a Russian period text from a plan → Schedule.

Rules chosen where plans leave room (each also explained where it is applied):

- Month words without a dash between them are separate months («июнь декабрь»); a dash, even
  across a line break («май –\\nсентябрь»), or «с … по …» makes a range.
- A range that wraps the year end («ноябрь-февраль») gives the months of both ends
  (11, 12, 1, 2) and needs review: which year each end falls in is not said.
- A frequency alone: shorter than a year («ежемесячно», «не реже 1 раза в квартал») means the
  whole year, months 1-12; «1 раз в год», «ежегодно» leave months empty. Months named in the
  text always win. A clear frequency never needs review.
- A date keeps the year only if the text gives one: «21 апреля» → "--04-21",
  «21.04.2026» → "2026-04-21". The date's month goes into months.
- «до 15 декабря», «не позднее …», «к …»: a deadline; the date and its month are kept and
  ``extra["deadline"]`` is True. «до марта» without a day needs review.
- Recurring deadlines are deadlines, not unread words: «до 15 числа месяца, следующего за
  отчётным кварталом» (quarterly, in months 1, 4, 7, 10; ``extra["recurring_deadline"]``),
  «до 5 числа месяца, следующего за отчётным» (monthly), «в течение 10 дней после …»
  (``extra["within_days"]`` and ``extra["after"]``), «ежегодно до 1 марта».
- «раз в два месяца» is a frequency per two months (``per`` "two_months").
- «01.02–31.03»: a numeric date without a year is in the plan's year.
- ``year`` is the plan year: a text naming another year, or several years, needs review.
- Whatever words are left unread make the reading need review (``extra["unread"]``); months
  already read are kept. An empty or blank text is an empty schedule without review.

Condition codes are documented in ``conditions.py``, doubt codes in ``reading.py``.
"""

from __future__ import annotations

import re
import unicodedata

from .reading import Reading
from .rules import RULES
from .schedule import Schedule

# Blanks out what a rule has read; not whitespace and not a word character, so no later
# pattern can match across it.
_USED = "\x00"

# Roman numerals typed as their own characters (Ⅱ, ⅲ) or with Cyrillic look-alikes (І) read
# as the Latin letters.
_ROMAN_SIGNS = {
    chr(code): unicodedata.normalize("NFKC", chr(code)).lower() for code in range(0x2160, 0x2180)
}
_NORMAL_FORMS = str.maketrans(
    {dash: "-" for dash in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"}
    | {"ё": "е", "\u0456": "i", "\xa0": " ", _USED: " "}
    | _ROMAN_SIGNS
)

# Words that only glue the readable parts together («в мае», «январь и март», «но не реже»).
_FILLERS = {"и", "в", "во", "на", "но", "а", "также", "течение"}


def normalize(text: str) -> str:
    """Lower case, «ё» as «е», every dash as «-», Cyrillic «і» as the Roman numeral «i»."""
    return text.lower().translate(_NORMAL_FORMS)


def parse_period(text: str, *, year: int | None = None) -> Schedule:
    reading = Reading()
    rest = normalize(text)
    for pattern, handle in RULES:
        rest = _apply(pattern, handle, rest, reading)
    _note_unread(rest, reading)
    reading.check_years(year)
    if text.strip() and reading.is_empty() and not reading.extra.get("deadline"):
        reading.doubt("nothing_read")
    return reading.schedule(text)


def _apply(pattern: re.Pattern, handle, rest: str, reading: Reading) -> str:
    def use(match: re.Match) -> str:
        handle(match, reading)
        # Same length, so positions of later matches still order the dates as in the text.
        return _USED * len(match.group())

    return pattern.sub(use, rest)


def _note_unread(rest: str, reading: Reading) -> None:
    unread = [word for word in re.findall(r"\w+", rest) if word not in _FILLERS]
    if unread:
        reading.doubt("unread")
        reading.extra["unread"] = " ".join(unread)
