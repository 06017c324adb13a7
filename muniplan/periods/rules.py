"""The reading rules: a pattern over the normalised text and what a match adds to a Reading.

They run in the order of ``RULES``; each match is blanked out before the next rule runs, so a
later, looser rule never re-reads words an earlier, stricter one has used. Dates and month
ranges go first because condition phrases take the words that follow them, and those words
must not include a month.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from . import lexicon as lx
from .conditions import CONDITIONS
from .reading import ALL_YEAR, Reading
from .schedule import Frequency

Rule = tuple[re.Pattern, Callable[[re.Match, Reading], None]]


@dataclass(frozen=True)
class Point:
    month: int
    day: int | None
    year: int | None


_NUMERIC_DATE = re.compile(r"([0-9]{1,2})\.([0-9]{1,2})(?:\.([0-9]{4}|[0-9]{2}))?")
_WORD_POINT = re.compile(rf"(?:({lx.DAY})\s+)?({lx.MONTH})(?:\s+({lx.YEAR}))?")


def read_point(text: str) -> Point:
    """A matched POINT fragment: «21.04.26», «1-го марта 2026 г.», «мае»."""
    numeric = _NUMERIC_DATE.fullmatch(text)
    if numeric:
        day, month, year = (int(group) if group else None for group in numeric.groups())
        return Point(month, day, None if year is None else year + 2000 if year < 100 else year)
    day, month, year = _WORD_POINT.fullmatch(text).groups()
    return Point(
        lx.month_number(month),
        int(re.match("[0-9]+", day).group()) if day else None,
        int(year[:4]) if year else None,
    )


def _take_point(reading: Reading, point: Point, position: int) -> int | None:
    """Records the point's year and date; returns its month unless there is no such month."""
    if point.year:
        reading.years.add(point.year)
    if not 1 <= point.month <= 12:
        reading.doubt("invalid_date")
        return None
    if point.day is not None:
        reading.add_date(position, point.day, point.month, point.year)
    return point.month


def _day_range(match: re.Match, reading: Reading) -> None:
    point = read_point(match["point"])
    month = _take_point(reading, point, match.start())
    reading.months.add(month)
    for offset, group in enumerate(("first", "last")):
        reading.add_date(match.start() + offset, int(match[group]), month, point.year)


def _span(match: re.Match, reading: Reading) -> None:
    start, end = read_point(match["start"]), read_point(match["end"])
    if start.year is None:
        # «с 1 марта по 15 мая 2026 г.»: the year written once at the end covers both ends.
        start = replace(start, year=end.year)
    first = _take_point(reading, start, match.start("start"))
    last = _take_point(reading, end, match.start("end"))
    if first and last:
        reading.add_month_range(first, last)
    if start.day is not None and end.day is not None:
        reading.extra["date_range"] = True


def _point(match: re.Match, reading: Reading) -> None:
    point = read_point(match["point"])
    month = _take_point(reading, point, match.start("point"))
    if month:
        reading.months.add(month)
    if match["deadline"]:
        reading.extra["deadline"] = True
        if point.day is None:
            reading.doubt("deadline_month")


def _ordinal_spans(text: str, token: re.Pattern) -> list[tuple[int, int]]:
    """«2-3» → [(2, 3)], «I и III» → [(1, 1), (3, 3)]."""
    spans: list[tuple[int, int]] = []
    previous_end = None
    for found in token.finditer(text):
        number = lx.ordinal_number(found.group())
        if previous_end is not None and "-" in text[previous_end : found.start()]:
            spans[-1] = (spans[-1][0], number)
        else:
            spans.append((number, number))
        previous_end = found.end()
    return spans


_QUARTER_TOKEN = re.compile(lx.QUARTER_TOKEN)
_HALF_TOKEN = re.compile(lx.HALF_TOKEN)


def _quarters(match: re.Match, reading: Reading) -> None:
    for first, last in _ordinal_spans(match["list"], _QUARTER_TOKEN):
        reading.add_month_range(3 * first - 2, 3 * last)


def _halves(match: re.Match, reading: Reading) -> None:
    for first, last in _ordinal_spans(match["list"], _HALF_TOKEN):
        reading.add_month_range(6 * first - 5, 6 * last)


def _whole_year(match: re.Match, reading: Reading) -> None:
    reading.months.update(ALL_YEAR)


def _daily(match: re.Match, reading: Reading) -> None:
    # Frequency has no day unit; the whole year plus a flag says all that is known.
    reading.months.update(ALL_YEAR)
    reading.extra["daily"] = True


_UPPER_BOUNDS = {"не чаще", "не более", "не больше"}
_ADVERB_COUNTS = {"дважды": 2, "трижды": 3}


def _frequency(match: re.Match, reading: Reading) -> None:
    per = lx.UNIT_WORDS[match["unit"]]
    if match["count"]:
        count = lx.number_value(match["count"])
    else:
        count = _ADVERB_COUNTS.get(match["adverb"], 1)
    qualifier = re.sub(r"\s+", " ", match["qualifier"] or "")
    if qualifier in _UPPER_BOUNDS:
        reading.doubt("max_frequency")
        reading.extra["max_frequency"] = {"per": per, "max": count}
    elif count == 0:
        reading.doubt("zero_frequency")
    else:
        reading.add_frequency(Frequency(per, count))


def _periodic(match: re.Match, reading: Reading) -> None:
    reading.add_frequency(Frequency(lx.periodic_unit(match.group()), 1))


def _condition(code: str) -> Callable[[re.Match, Reading], None]:
    def handle(match: re.Match, reading: Reading) -> None:
        reading.add_condition(code, match.group())

    return handle


def _after_quarter(match: re.Match, reading: Reading) -> None:
    """«до 15 числа месяца, следующего за отчётным кварталом»: a deadline every quarter, in the
    first month of the next one."""
    reading.extra["deadline"] = True
    reading.extra["recurring_deadline"] = {"day": int(match["day"]), "after": "quarter"}
    reading.months.update((1, 4, 7, 10))
    reading.add_frequency(Frequency("quarter", 1))


def _after_month(match: re.Match, reading: Reading) -> None:
    """«до 5 числа месяца, следующего за отчётным»: a deadline every month."""
    reading.extra["deadline"] = True
    reading.extra["recurring_deadline"] = {"day": int(match["day"]), "after": "month"}
    reading.add_frequency(Frequency("month", 1))


def _within_days(match: re.Match, reading: Reading) -> None:
    """«в течение 10 дней после …»: a deadline counted from an event; the event is kept."""
    reading.extra["deadline"] = True
    reading.extra["within_days"] = lx.number_value(match["count"])
    reading.extra["after"] = " ".join(match["event"].split())


def _year(match: re.Match, reading: Reading) -> None:
    reading.years.add(int(match.group()[:4]))


_DAY_RANGE = (
    r"(?<![0-9.])(?P<first>[0-9]{1,2})\s*-\s*(?P<last>[0-9]{1,2})"
    rf"\s+(?P<point>{lx.MONTH}(?:\s+{lx.YEAR})?)"
)
_SPAN_WORDS = rf"(?<!\w)(?:с|со|от)\s+(?P<start>{lx.POINT})\s+(?:по|до)\s+(?P<end>{lx.POINT})"
_SPAN_DASH = rf"(?P<start>{lx.POINT})\s*-\s*(?P<end>{lx.POINT})"
_DEADLINE_POINT = (
    r"(?:(?P<deadline>(?<!\w)(?:до|не\s+позднее|не\s+позже|в\s+срок\s+до|к))\s+)?"
    rf"(?P<point>{lx.POINT})"
)
# Bounded so a long run of numbers without «квартал» after it costs linear, not quadratic, time.
_ORDINAL_LIST = r"{token}(?:\s*(?:-|,|и)\s*{token}){{0,7}}"
_QUARTERS = (
    rf"(?P<list>{_ORDINAL_LIST.format(token=lx.QUARTER_TOKEN)})"
    r"\s*(?:квартал[а-я]*|кв(?!\w)\.?)"
)
_HALVES = rf"(?P<list>{_ORDINAL_LIST.format(token=lx.HALF_TOKEN)})\s*полугоди[а-я]*(?!\w)"
_WHOLE_YEAR = (
    r"(?<!\w)(?:(?:весь\s+(?:период|год)"
    r"|(?:в\s+течение|на\s+протяжении)\s+(?:всего\s+)?(?:года|периода)"
    r"|круглогодично|постоянно)(?!\w)"
    # «в течение 2026 года»: the year itself is left for the year rule to record.
    r"|(?:в\s+течение|на\s+протяжении)\s+(?:всего\s+)?(?=(?:19|20)[0-9]{2}(?![0-9])))"
)
_FREQUENCY = (
    r"(?<!\w)(?:(?P<qualifier>не\s+реже|не\s+менее|не\s+меньше|(?:как\s+)?минимум"
    r"|не\s+чаще|не\s+более|не\s+больше)\s+)?"
    rf"(?:(?P<count>{lx.NUMBER})\s+[а-я]+|(?P<adverb>дважды|трижды)|раза?)"
    rf"\s+в\s+(?P<unit>{lx.UNIT})"
)

_AFTER_QUARTER = (
    rf"(?<!\w)(?:до|не\s+позднее|не\s+позже)\s+{lx.DAY_OF_MONTH}\s+месяца,?\s+"
    r"следующего\s+за\s+(?:отчетным\s+)?кварталом"
)
_AFTER_MONTH = (
    rf"(?<!\w)(?:до|не\s+позднее|не\s+позже)\s+{lx.DAY_OF_MONTH}\s+месяца,?\s+"
    r"следующего\s+за\s+отчетным(?:\s+месяцем)?"
)
_WITHIN_DAYS = (
    rf"(?<!\w)в\s+течение\s+(?P<count>{lx.NUMBER})\s+(?:рабочих\s+|календарных\s+)?(?:дней|дня)"
    r"\s+(?:после|с\s+момента|со\s+дня)\s+(?P<event>[^,;.]+)"
)

RULES: tuple[Rule, ...] = (
    (re.compile(_AFTER_QUARTER), _after_quarter),
    (re.compile(_AFTER_MONTH), _after_month),
    (re.compile(_WITHIN_DAYS), _within_days),
    (re.compile(_DAY_RANGE), _day_range),
    (re.compile(_SPAN_WORDS), _span),
    (re.compile(_SPAN_DASH), _span),
    (re.compile(_DEADLINE_POINT), _point),
    (re.compile(_QUARTERS), _quarters),
    (re.compile(_HALVES), _halves),
    (re.compile(_WHOLE_YEAR), _whole_year),
    (re.compile(r"(?<!\w)ежедневн[а-я]*"), _daily),
    (re.compile(_FREQUENCY), _frequency),
    (re.compile(lx.PERIODIC), _periodic),
    *((pattern, _condition(code)) for code, pattern in CONDITIONS),
    (re.compile(lx.YEAR), _year),
)
