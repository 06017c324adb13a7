from __future__ import annotations

import pytest

from muniplan.lib.participants import participants_from_lines


@pytest.mark.parametrize(
    "line, group",
    [
        ("члены РО ВСМС 62 человек", (62, "члены РО ВСМС")),
        ("Президиум РС ВСМС — 5", (5, "Президиум РС ВСМС")),
        ("12 глав муниципальных образований", (12, "глав муниципальных образований")),
        ("12 человек главы поселений", (12, "главы поселений")),
        ("30 человек", (30, "")),
        ("журналисты 3 человека", (3, "журналисты")),
        ("главы поселений — 40 участников", (40, "главы поселений")),
        ("2 участника", (2, "")),
        ("5-6 классы", (None, "5-6 классы")),
        ("100 000 рублей", (None, "100 000 рублей")),
        ("старосты", (None, "старосты")),
    ],
)
def test_a_line_is_a_group_with_its_count_before_or_after_the_category(line, group):
    assert participants_from_lines(line) == [group]


def test_a_group_written_back_reads_the_same():
    for count, category in [(12, "глав поселений"), (30, "")]:
        line = f"{category} {count} человек".strip()
        assert participants_from_lines(line) == [(count, category)]
