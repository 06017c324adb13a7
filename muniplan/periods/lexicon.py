"""Russian word forms the period parser recognises, and regex fragments built from them.

Fragments here have no capturing groups so the rules can combine them freely; the functions
turn one matched word back into a number. All text reaching them is normalised first
(lower case, «ё» as «е», every dash as «-»), so only those forms are listed.
"""

from __future__ import annotations

import re

# Endings of the five cases a month name takes in plan texts («январь», «января», «в январе»,
# «к январю», «январем»); «март» and «август» decline like hard nouns, «май» on its own.
_SOFT = ("ь", "я", "е", "ю", "ем")
_HARD = ("", "а", "е", "у", "ом")
_MAY = ("й", "я", "е", "ю", "ем")

_MONTHS = (
    (1, "январ", _SOFT, ("янв",)),
    (2, "феврал", _SOFT, ("фев", "февр")),
    (3, "март", _HARD, ("мар",)),
    (4, "апрел", _SOFT, ("апр",)),
    (5, "ма", _MAY, ()),
    (6, "июн", _SOFT, ("июн",)),
    (7, "июл", _SOFT, ("июл",)),
    (8, "август", _HARD, ("авг",)),
    (9, "сентябр", _SOFT, ("сен", "сент")),
    (10, "октябр", _SOFT, ("окт",)),
    (11, "ноябр", _SOFT, ("ноя", "нояб")),
    (12, "декабр", _SOFT, ("дек",)),
)

MONTH_FORMS: dict[str, int] = {}
for _number, _stem, _endings, _abbreviations in _MONTHS:
    MONTH_FORMS.update({_stem + ending: _number for ending in _endings})
    MONTH_FORMS.update({abbreviation: _number for abbreviation in _abbreviations})

# The months as a plan names them: «январь» … «декабрь».
MONTH_NAMES = tuple(stem + endings[0] for _, stem, endings, _ in _MONTHS)


def _alternatives(words) -> str:
    # Longest first, so «сент» wins over «сен» and «iii» over «i».
    return "|".join(sorted(words, key=len, reverse=True))


# A month word; the dot of an abbreviation («янв.») belongs to it.
MONTH = rf"(?<!\w)(?:{_alternatives(MONTH_FORMS)})(?!\w)\.?"

# A year with its usual tail: «2026», «2026 г.», «2026 года», «2026 гг.».
YEAR = r"(?<![0-9])(?:19|20)[0-9]{2}(?![0-9])(?:\s*(?:года|году|год|гг|г)(?!\w)\.?)?"

# «21.04.2026», «21.04.26», or «21.04» (the plan's year) — the last only where a dot or a year
# does not follow, so «1.2.3» stays unread.
NUMERIC_DATE = r"(?<![0-9.])[0-9]{1,2}\.[0-9]{1,2}(?:\.(?:[0-9]{4}|[0-9]{2}))?(?![0-9])(?!\.[0-9])"

# A day of a month: «21», «1-го», «1-е».
DAY = r"(?<![0-9.])[0-9]{1,2}(?:-?(?:го|е))?"

# A point in time: a numeric date, or an optional day, a month word and an optional year.
POINT = rf"(?:{NUMERIC_DATE}|(?:{DAY}\s+)?{MONTH}(?:\s+{YEAR})?)"

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}

# Ordinal suffixes written after a digit: «1-й», «3-м», «2-е», «1-го».
_ORDINAL_SUFFIX = r"(?:-?(?:ый|ой|ий|ого|го|ом|ем|й|м|е))?"

ORDINAL_STEMS = {"перв": 1, "втор": 2, "трет": 3, "четверт": 4}

QUARTER_TOKEN = (
    rf"(?<!\w)(?:(?:{_alternatives(ROMAN)}|[1-4]){_ORDINAL_SUFFIX}"
    r"|(?:перв|втор|трет|четверт)[а-я]*)(?!\w)"
)
HALF_TOKEN = rf"(?<!\w)(?:(?:ii|i|[12]){_ORDINAL_SUFFIX}|(?:перв|втор)[а-я]*)(?!\w)"

# Counts written as words in the cases plans use: what the period and the quota readers share.
COUNT_WORDS = {
    "один": 1,
    "одного": 1,
    "одной": 1,
    "одну": 1,
    "одна": 1,
    "одно": 1,
    "два": 2,
    "две": 2,
    "двух": 2,
    "три": 3,
    "трех": 3,
    "четыре": 4,
    "четырех": 4,
    "пять": 5,
    "пяти": 5,
    "шесть": 6,
    "шести": 6,
    "десять": 10,
    "десяти": 10,
}
NUMBER_WORDS = {**COUNT_WORDS, "двенадцать": 12, "двенадцати": 12}
NUMBER = rf"(?:[0-9]{{1,2}}|{_alternatives(NUMBER_WORDS)})(?!\w)"

# The unit after «раз в …».
UNIT_WORDS = {
    "неделю": "week",
    "месяц": "month",
    "два месяца": "two_months",
    "2 месяца": "two_months",
    "квартал": "quarter",
    "полугодие": "half_year",
    "полгода": "half_year",
    "год": "year",
}
UNIT = rf"(?:{_alternatives(UNIT_WORDS)})(?!\w)"

# A day of the month named as such: «15 числа», «до 5-го числа».
DAY_OF_MONTH = r"(?<![0-9.])(?P<day>[0-9]{1,2})(?:-?(?:го|е))?\s+числа"

# Adverbs that carry both a unit and «at least once»: «ежемесячно», «каждый квартал».
PERIODIC_STEMS = {
    "еженедельн": "week",
    "ежемесячн": "month",
    "ежеквартальн": "quarter",
    "ежеполугодн": "half_year",
    "ежегодн": "year",
}
PERIODIC = (
    rf"(?<!\w)(?:(?:{_alternatives(PERIODIC_STEMS)})[а-я]*"
    rf"|кажд[а-я]*\s+(?:{_alternatives(UNIT_WORDS)}))(?!\w)"
)


def month_number(word: str) -> int:
    return MONTH_FORMS[word.rstrip(".")]


def number_value(word: str) -> int:
    return int(word) if word.isdigit() else NUMBER_WORDS[word]


def ordinal_number(token: str) -> int:
    """«II» → 2, «3-м» → 3, «четвертом» → 4."""
    # A digit or Roman numeral sheds its Russian suffix; an ordinal word is all suffix after that.
    bare = re.sub(r"-?[а-я]*$", "", token) or token
    if bare.isdigit():
        return int(bare)
    if bare in ROMAN:
        return ROMAN[bare]
    return next(n for stem, n in ORDINAL_STEMS.items() if bare.startswith(stem))


def periodic_unit(phrase: str) -> str:
    """«ежемесячно» → "month", «каждый квартал» → "quarter"."""
    last = phrase.split()[-1]
    if last in UNIT_WORDS:
        return UNIT_WORDS[last]
    return next(unit for stem, unit in PERIODIC_STEMS.items() if phrase.startswith(stem))
