"""Every period text of the seed documents, read as the plans mean them."""

from __future__ import annotations

from pathlib import Path

import pytest

from muniplan.periods.parser import parse_period
from muniplan.periods.schedule import Frequency

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
ALL_YEAR = tuple(range(1, 13))
QUARTERLY = Frequency("quarter", 1)
MONTHLY = Frequency("month", 1)

# (text as in the seed, months, frequency, condition), in the order of the plan's rows.
TYUMEN_2026 = [
    ("Январь-апрель\nСентябрь-декабрь", (1, 2, 3, 4, 9, 10, 11, 12), None, None),
    ("апрель", (4,), None, None),
    ("Январь-декабрь", ALL_YEAR, None, None),
    ("Октябрь-декабрь", (10, 11, 12), None, None),
    ("Январь-декабрь", ALL_YEAR, None, None),
    ("январь-декабрь", ALL_YEAR, None, None),
    ("Июнь-август", (6, 7, 8), None, None),
    ("январь-декабрь", ALL_YEAR, None, None),
    ("январь-декабрь (по мере необходимости и возможности)", ALL_YEAR, None, "as_needed"),
    ("январь-декабрь", ALL_YEAR, None, None),
    ("Июнь-сентябрь", (6, 7, 8, 9), None, None),
    (
        "январь-декабрь (в соответствии со сроками исполнения рекомендаций)",
        ALL_YEAR,
        None,
        "per_deadlines",
    ),
    ("сентябрь-ноябрь", (9, 10, 11), None, None),
    ("Октябрь-ноябрь", (10, 11), None, None),
    ("январь - декабрь", ALL_YEAR, None, None),
    ("январь - декабрь", ALL_YEAR, None, None),
    ("январь - декабрь", ALL_YEAR, None, None),
    ("январь - декабрь", ALL_YEAR, None, None),
    ("Январь-февраль", (1, 2), None, None),
    ("июнь", (6,), None, None),
    (
        "январь-декабрь\n(при возникновении необходимости, но не реже 1 раза в квартал)",
        ALL_YEAR,
        QUARTERLY,
        "as_needed",
    ),
    ("апрель ", (4,), None, None),
    ("январь-декабрь (по мере проведения заседаний)", ALL_YEAR, None, "as_scheduled"),
    ("2-3 квартал", (4, 5, 6, 7, 8, 9), None, None),
    ("январь-декабрь (по мере необходимости и возможности)", ALL_YEAR, None, "as_needed"),
    ("3-4 квартал ", (7, 8, 9, 10, 11, 12), None, None),
    ("январь-декабрь (по мере необходимости и возможности)", ALL_YEAR, None, "as_needed"),
    ("январь-декабрь (по запросу муниципалитетов)", ALL_YEAR, None, "on_request"),
    ("январь-декабрь (при проведении указанных мероприятий)", ALL_YEAR, None, "as_scheduled"),
    ("январь-декабрь (по запросу муниципалитетов)", ALL_YEAR, None, "on_request"),
    (
        "январь-декабрь\n(при возникновении необходимости, но не реже 1 раза в квартал)",
        ALL_YEAR,
        QUARTERLY,
        "as_needed",
    ),
    ("январь-декабрь\n(не менее одного материала в месяц)", ALL_YEAR, MONTHLY, None),
    ("январь-июнь", (1, 2, 3, 4, 5, 6), None, None),
    ("январь-декабрь\n(не менее одного материала в месяц)", ALL_YEAR, MONTHLY, None),
]

H1, H2 = (1, 2, 3, 4, 5, 6), (7, 8, 9, 10, 11, 12)

SMOLENSK_2022 = [
    ("июнь", (6,), None, None),
    ("июнь декабрь", (6, 12), None, None),
    ("март июнь сентябрь декабрь", (3, 6, 9, 12), None, None),
    ("весь период", ALL_YEAR, None, None),
    ("ноябрь", (11,), None, None),
    ("февраль-март", (2, 3), None, None),
    ("I полугодие", H1, None, None),
    ("II полугодие", H2, None, None),
    ("весь период", ALL_YEAR, None, None),
    ("январь - март, май – сентябрь", (1, 2, 3, 5, 6, 7, 8, 9), None, None),
    ("весь период", ALL_YEAR, None, None),
    ("апрель", (4,), None, None),
    ("II полугодие", H2, None, None),
    ("весь период", ALL_YEAR, None, None),
    ("весь период", ALL_YEAR, None, None),
    # Row 13's description defers to another plan.
    ("По отдельному плану.", (), None, "separate_plan"),
]

# The PDF text layer breaks cells into lines with a trailing space and a blank line.
SMOLENSK_2021 = [
    ("июнь \n\nдекабрь ", (6, 12), None, None),
    ("март \n\nиюнь \n\nсентябрь \n\nдекабрь ", (3, 6, 9, 12), None, None),
    ("весь период ", ALL_YEAR, None, None),
    ("ноябрь ", (11,), None, None),
    ("апрель ", (4,), None, None),
    ("I полугодие ", H1, None, None),
    ("II полугодие ", H2, None, None),
    ("весь период ", ALL_YEAR, None, None),
    ("май – \n\nсентябрь ", (5, 6, 7, 8, 9), None, None),
    ("весь период ", ALL_YEAR, None, None),
    ("апрель ", (4,), None, None),
    ("II полугодие ", H2, None, None),
    ("весь период ", ALL_YEAR, None, None),
    ("весь период ", ALL_YEAR, None, None),
    ("По отдельному плану. ", (), None, "separate_plan"),
]

SEED_PERIODS = [
    ("tyumen_2026__tab_text.txt", 2026, TYUMEN_2026),
    ("smolensk_2022__tab_html_text.txt", 2022, SMOLENSK_2022),
    ("smolensk_2021__pdf_dump.txt", 2021, SMOLENSK_2021),
]

CASES = [
    pytest.param(text, year, months, frequency, condition, id=f"{seed.split('_')[0]}{year}-{n}")
    for seed, year, rows in SEED_PERIODS
    for n, (text, months, frequency, condition) in enumerate(rows, start=1)
]


def test_the_seed_tables_hold_every_period_of_tyumen_and_smolensk():
    assert (len(TYUMEN_2026), len(SMOLENSK_2022), len(SMOLENSK_2021)) == (34, 16, 15)


@pytest.mark.parametrize(("seed", "rows"), [(seed, rows) for seed, _, rows in SEED_PERIODS])
def test_every_listed_period_text_appears_verbatim_in_its_seed(seed, rows):
    content = (SEEDS / seed).read_text(encoding="utf-8")
    for text, *_ in rows:
        assert text in content


@pytest.mark.parametrize(("text", "year", "months", "frequency", "condition"), CASES)
def test_it_reads_every_seed_period_surely(text, year, months, frequency, condition):
    schedule = parse_period(text, year=year)
    assert schedule.text == text
    assert schedule.months == months
    assert schedule.frequency == frequency
    assert schedule.condition == condition
    assert schedule.dates == ()
    assert not schedule.needs_review
