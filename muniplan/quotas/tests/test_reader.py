"""Quotas read from texts: the seeds' own sentences, every other seed text, and odd wordings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from muniplan.quotas import Quota, plural, read_quotas

GOLD = Path(__file__).resolve().parents[2] / "seeds" / "gold"
NEWS_WEEKLY, ARTICLE_MONTHLY = Quota("новость", 1, "week"), Quota("статья", 1, "month")
QUARTERLY = (Quota("мероприятие", 1, "quarter"),)
MATERIAL_MONTHLY = (Quota("материал", 1, "month"),)

# (seed, activity number) → quotas of its title, description and period together.
SEED_QUOTAS = {
    ("tyumen_2026", "17"): (NEWS_WEEKLY, ARTICLE_MONTHLY),
    ("tyumen_2026", "18"): (Quota("бюллетень", 1, "month"),),
    ("tyumen_2026", "21"): QUARTERLY,
    ("tyumen_2026", "31"): QUARTERLY,
    ("tyumen_2026", "32"): MATERIAL_MONTHLY,
    ("tyumen_2026", "34"): MATERIAL_MONTHLY,
}
# Quota-like wording the reader does not turn into a quota: a person should look.
SEED_REVIEW = {
    ("smolensk_2021", "14"),
    ("smolensk_2022", "15"),
}  # «Регулярное размещение информации …»


def _seed_activities():
    for path in sorted(GOLD.glob("*.json")):
        document = json.loads(path.read_text(encoding="utf-8"))
        for section in document.get("sections", []):
            stack = list(section["activities"])
            while stack:
                activity = stack.pop(0)
                stack[:0] = activity.get("children", [])
                yield path.stem, activity


def _text(activity: dict) -> str:
    return "\n".join(
        [
            activity["title"],
            activity.get("description") or "",
            (activity.get("period") or {}).get("text") or "",
        ]
    )


SEEDS = list(_seed_activities())


def test_the_seeds_hold_more_than_a_hundred_activities_and_every_listed_one():
    keys = {(seed, a["number"]) for seed, a in SEEDS}
    assert len(SEEDS) > 100
    assert set(SEED_QUOTAS) <= keys and SEED_REVIEW <= keys


@pytest.mark.parametrize(("seed", "activity"), SEEDS, ids=[f"{s}-{a['number']}" for s, a in SEEDS])
def test_every_seed_text_gives_its_quotas_and_no_others(seed, activity):
    reading = read_quotas(_text(activity))
    key = (seed, activity["number"])
    assert reading.quotas == SEED_QUOTAS.get(key, ())
    assert reading.needs_review == (key in SEED_REVIEW)


@pytest.mark.parametrize(
    ("text", "quotas"),
    [
        ("не менее 1 новости в неделю и 1 статьи в месяц", [NEWS_WEEKLY, ARTICLE_MONTHLY]),
        (
            "Бюллетени выпускаются и рассылаются по муниципальным образованиям ежемесячно.",
            [Quota("бюллетень", 1, "month")],
        ),
        ("не менее одного материала в месяц", list(MATERIAL_MONTHLY)),
        ("не реже 1 раза в квартал", list(QUARTERLY)),
        (
            "не менее трёх публикаций в квартал, а также 2 видеоролика в месяц",
            [Quota("публикация", 3, "quarter"), Quota("видеоролик", 2, "month")],
        ),
        ("2 раза в год", [Quota("мероприятие", 2, "year")]),
        ("заседания проводятся ежеквартально", [Quota("заседание", 1, "quarter")]),
        ("ежемесячно", [Quota("мероприятие", 1, "month")]),
        ("не реже двух раз в полугодие", [Quota("мероприятие", 2, "half_year")]),
    ],
)
def test_it_reads_quota_sentences(text, quotas):
    reading = read_quotas(text)
    assert list(reading.quotas) == quotas
    assert reading.needs_review is False


# Every agreement of a count with its noun, with and without «не менее»: «1 новость», «2 новости»,
# «5 новостей», «21 публикация», and numbers written as words.
AGREEMENT_FORMS = [
    ("1 новость в месяц", Quota("новость", 1, "month")),
    ("2 новости в месяц", Quota("новость", 2, "month")),
    ("5 новостей в месяц", Quota("новость", 5, "month")),
    ("1 публикация в месяц", Quota("публикация", 1, "month")),
    ("2 публикации в квартал", Quota("публикация", 2, "quarter")),
    ("21 публикация в год", Quota("публикация", 21, "year")),
    ("3 статьи в квартал", Quota("статья", 3, "quarter")),
    ("5 статей в квартал", Quota("статья", 5, "quarter")),
    ("1 семинар в квартал", Quota("семинар", 1, "quarter")),
    ("4 семинара в год", Quota("семинар", 4, "year")),
    ("5 семинаров в год", Quota("семинар", 5, "year")),
    ("1 заседание в квартал", Quota("заседание", 1, "quarter")),
    ("2 заседания в полугодие", Quota("заседание", 2, "half_year")),
    ("12 заседаний в год", Quota("заседание", 12, "year")),
    ("3 встречи за месяц", Quota("встреча", 3, "month")),
    ("одна публикация в месяц", Quota("публикация", 1, "month")),
    ("одну новость в неделю", Quota("новость", 1, "week")),
    ("две статьи в квартал", Quota("статья", 2, "quarter")),
    ("двенадцать заседаний в год", Quota("заседание", 12, "year")),
    ("3 раза в месяц", Quota("мероприятие", 3, "month")),
    ("5 раз в год", Quota("мероприятие", 5, "year")),
]


@pytest.mark.parametrize(("text", "quota"), AGREEMENT_FORMS, ids=[t for t, _ in AGREEMENT_FORMS])
@pytest.mark.parametrize("lead", ["", "Размещение: ", "не менее "])
def test_it_reads_every_agreement_of_a_count_with_its_noun(lead, text, quota):
    reading = read_quotas(lead + text)
    assert reading.to_json()["quotas"] == [quota.to_json()]
    assert reading.needs_review is False


def test_counts_without_a_lead_word_are_read_one_after_another():
    reading = read_quotas("2 публикации в квартал, 1 видеоролик в месяц и 4 семинара в год.")
    assert reading.quotas == (
        Quota("публикация", 2, "quarter"),
        Quota("видеоролик", 1, "month"),
        Quota("семинар", 4, "year"),
    )
    assert reading.needs_review is False


@pytest.mark.parametrize(
    "text",
    [
        "январь - декабрь",
        "1 раз в год",
        "ежегодно принимает участие",
        "Подготовка ежегодного доклада",
        "",
    ],
)
def test_texts_without_a_quota_give_none(text):
    assert read_quotas(text).to_json() == {"text": text, "quotas": [], "needs_review": False}


@pytest.mark.parametrize(
    "text",
    [
        "не менее 2 лонгридов в месяц",
        "не менее 100 участников",
        "регулярно публиковать новости",
        "ежедневно",
        "не реже раза в неделю",
        # A count per period whose item is not in the lexicon, or not where the reader looks.
        "2 лонгрида в месяц",
        "5 лонгридов в квартал",
        "4 выездных семинара в год",
        "2-3 публикации в месяц",
        "три конкурса проектов за год",
    ],
)
def test_quota_like_wording_it_cannot_read_needs_review(text):
    reading = read_quotas(text)
    assert reading.needs_review is True
    assert reading.extra["unread"]


def test_a_read_quota_is_kept_beside_an_unread_one():
    reading = read_quotas("не менее 1 новости в неделю; не менее 2 лонгридов в месяц")
    assert reading.quotas == (NEWS_WEEKLY,)
    assert reading.needs_review is True


def test_items_have_a_plural_for_progress_lines():
    assert [plural(i) for i in ("новость", "статья", "мероприятие")] == [
        "новости",
        "статьи",
        "мероприятия",
    ]
