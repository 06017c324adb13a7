"""The words of quotas: the things counted, the numbers and the periods.

`ITEMS` maps a stem to (nominative singular, nominative plural); a counted word is recognised by its
stem whatever its case («новости», «новостей» → «новость»). «раз» counts the activity itself: its
item is «мероприятие».
"""

from __future__ import annotations

from muniplan.periods.lexicon import NUMBER_WORDS

ACTIVITY_ITEM = "мероприятие"

ITEMS: dict[str, tuple[str, str]] = {
    "новост": ("новость", "новости"),
    "стат": ("статья", "статьи"),
    "видеоматериал": ("видеоматериал", "видеоматериалы"),
    "материал": ("материал", "материалы"),
    "бюллетен": ("бюллетень", "бюллетени"),
    "публикац": ("публикация", "публикации"),
    "видеоролик": ("видеоролик", "видеоролики"),
    "ролик": ("ролик", "ролики"),
    "сюжет": ("сюжет", "сюжеты"),
    "репортаж": ("репортаж", "репортажи"),
    "интервью": ("интервью", "интервью"),
    "пресс-релиз": ("пресс-релиз", "пресс-релизы"),
    "пост": ("пост", "посты"),
    "выпуск": ("выпуск", "выпуски"),
    "дайджест": ("дайджест", "дайджесты"),
    "обзор": ("обзор", "обзоры"),
    "заседани": ("заседание", "заседания"),
    "совещани": ("совещание", "совещания"),
    "семинар": ("семинар", "семинары"),
    "вебинар": ("вебинар", "вебинары"),
    "встреч": ("встреча", "встречи"),
    "мероприяти": (ACTIVITY_ITEM, "мероприятия"),
    "раз": (ACTIVITY_ITEM, "мероприятия"),
}
# Longest stems first, so «видеоматериал» is not read as «материал».
_STEMS = sorted(ITEMS, key=len, reverse=True)

NUMBERS = {
    **NUMBER_WORDS,
    "семь": 7,
    "семи": 7,
    "восемь": 8,
    "восьми": 8,
    "девять": 9,
    "девяти": 9,
}

# «в неделю», «за месяц», «в полугодие» → the period reader's vocabulary.
UNITS = {
    "неделю": "week",
    "месяц": "month",
    "квартал": "quarter",
    "полугодие": "half_year",
    "год": "year",
}
ADVERBS = {
    "еженедельно": "week",
    "ежемесячно": "month",
    "ежеквартально": "quarter",
    "ежегодно": "year",
}


def item_of(word: str) -> str | None:
    """The item a word names, or None: «новостей» → «новость», «раза» → «мероприятие»."""
    word = word.lower().replace("ё", "е")
    if word in ("раз", "раза"):
        return ACTIVITY_ITEM
    for stem in _STEMS:
        if stem != "раз" and word.startswith(stem) and len(word) - len(stem) <= 3:
            return ITEMS[stem][0]
    return None


def plural(item: str) -> str:
    """«новость» → «новости», for «новости: 37 из 47»."""
    return next((forms[1] for forms in ITEMS.values() if forms[0] == item), item)


def number_of(word: str) -> int | None:
    word = word.lower().replace("ё", "е")
    if word.isdigit():
        return int(word)
    return NUMBERS.get(word)
