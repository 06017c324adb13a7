"""`read_quotas`: an activity's text → its quotas. Ordered rules, as in `periods.parser`:

1. «не менее|не реже|минимум N <что> в|за <период>», and what follows it with «и|,» in the same
   shape («… и 1 статьи в месяц»): «не менее 1 новости в неделю» → новость ≥ 1 a week;
   «не реже 1 раза в квартал» → мероприятие ≥ 1 a quarter (the activity itself).
2. «N <что> в|за <период>» without «не менее», in any agreement of the count with its noun
   («1 новость», «2 новости», «5 новостей», «одна публикация в месяц»): the same; «N раз(а) в
   <период>» counts the activity itself, item «мероприятие».
3. An adverb («ежемесячно», «еженедельно», «ежеквартально») counts the thing its sentence names
   («Бюллетени … ежемесячно» → бюллетень ≥ 1 a month), or the activity itself when it names none.
- Once a year is no quota: it is the activity itself («1 раз в год», «ежегодно» → none).
- What is left that still looks like a quota («не менее 100 участников» with no period, «регулярно»,
  «ежедневно», a counted word not in the lexicon, a count per period in other words: «2 лонгрида в
  месяц», «4 выездных семинара в год», «2-3 публикации в месяц») makes the reading need review; the
  quotas read are kept. The reader never guesses silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .lexicon import ACTIVITY_ITEM, ADVERBS, NUMBERS, UNITS, item_of, number_of

_NUMBER = r"(?P<n>\d+|" + "|".join(sorted(NUMBERS, key=len, reverse=True)) + r")"
_UNIT = r"(?P<unit>" + "|".join(UNITS) + r")"
_COUNTED = _NUMBER + r"\s+(?P<word>[а-я-]+)\s+(?:в|за)\s+" + _UNIT + r"(?![а-я])"
_LEAD = re.compile(
    r"(?<![а-я])(?:не\s+менее|не\s+реже|не\s+меньше|минимум|как\s+минимум)\s+" + _COUNTED
)
_MORE = re.compile(r"\s*(?:,\s*(?:и|а\s+также)?|и|а\s+также)\s+" + _COUNTED)
# A count standing on its own: not the tail of a longer number, a decimal or a range («2-3 …»).
_BARE = re.compile(r"(?<![\w.,/–—-])" + _COUNTED)
_ADVERB = re.compile(r"(?<![а-я])(?P<adverb>" + "|".join(ADVERBS) + r")(?![а-я])")
_WORD = re.compile(r"[а-я-]+")
_SENTENCE_END = re.compile(r"[.;!?\n]")
# Wording that promises a count or a rhythm; left unread, it means the reading needs review.
_QUOTA_LIKE = re.compile(
    r"(?<![а-я])(?:не\s+менее|не\s+реже|не\s+меньше|минимум|регулярн[а-я]*|ежедневно|еженедельн[а-я]*|"
    r"ежемесячн[а-я]*|ежеквартальн[а-я]*|раза?\s+в\s+[а-я]+|"
    + _NUMBER.replace("?P<n>", "")
    + r"(?:\s+[а-я-]+){1,3}\s+(?:в|за)\s+"
    + _UNIT.replace("?P<unit>", "")
    + r")(?![а-я])"
)
_USED = "\x00"


@dataclass(frozen=True)
class Quota:
    item: str  # nominative singular: «новость»
    min: int
    per: str  # week, month, quarter, half_year, year — the period reader's vocabulary

    def to_json(self) -> dict:
        return {"item": self.item, "min": self.min, "per": self.per}


@dataclass(frozen=True)
class QuotaReading:
    text: str
    quotas: tuple[Quota, ...] = ()
    needs_review: bool = False
    extra: dict = field(default_factory=dict, compare=False)

    def to_json(self) -> dict:
        return {
            "text": self.text,
            "quotas": [q.to_json() for q in self.quotas],
            "needs_review": self.needs_review,
        }


def read_quotas(text: str) -> QuotaReading:
    rest = text.lower().replace("ё", "е").replace("\xa0", " ")
    quotas: list[Quota] = []
    unknown: list[str] = []
    rest = _read_counted(rest, quotas, unknown)
    rest = _BARE.sub(lambda m: _take(m, quotas, unknown), rest)
    rest = _ADVERB.sub(lambda m: _adverb(m, rest, quotas), rest)
    unread = [m.group() for m in _QUOTA_LIKE.finditer(rest)] + unknown
    extra = {"unread": unread} if unread else {}
    return QuotaReading(
        text=text, quotas=tuple(dict.fromkeys(quotas)), needs_review=bool(unread), extra=extra
    )


def _read_counted(rest: str, quotas: list[Quota], unknown: list[str]) -> str:
    position = 0
    while match := _LEAD.search(rest, position):
        spans = [match]
        while more := _MORE.match(rest, spans[-1].end()):
            spans.append(more)
        for span in spans:
            _take(span, quotas, unknown)
        rest = (
            rest[: match.start()]
            + _USED * (spans[-1].end() - match.start())
            + rest[spans[-1].end() :]
        )
        position = spans[-1].end()
    return rest


def _take(match: re.Match, quotas: list[Quota], unknown: list[str]) -> str:
    item, count, per = item_of(match["word"]), number_of(match["n"]), UNITS[match["unit"]]
    if item is None or count is None:
        unknown.append(match.group().strip())
    elif not _once_a_year(count, per, item):
        quotas.append(Quota(item, count, per))
    return _USED * len(match.group())


def _adverb(match: re.Match, text: str, quotas: list[Quota]) -> str:
    per = ADVERBS[match["adverb"]]
    item = _named_in_sentence(text, match.start()) or ACTIVITY_ITEM
    if not _once_a_year(1, per, item):
        quotas.append(Quota(item, 1, per))
    return _USED * len(match.group())


def _named_in_sentence(text: str, at: int) -> str | None:
    """The first counted thing named in the sentence around position `at`."""
    start = max((m.end() for m in _SENTENCE_END.finditer(text, 0, at)), default=0)
    end_match = _SENTENCE_END.search(text, at)
    sentence = text[start : end_match.start() if end_match else len(text)]
    return next((item for word in _WORD.findall(sentence) if (item := item_of(word))), None)


def _once_a_year(count: int, per: str, item: str) -> bool:
    # «1 раз в год», «ежегодно»: the plan year holds the activity once; that is its schedule.
    return per == "year" and count == 1 and item == ACTIVITY_ITEM
