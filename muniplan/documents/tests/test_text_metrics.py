"""Lines of a PDF cell, broken by the widths of the PDF's font."""

from __future__ import annotations

from muniplan.documents.renderers.text_metrics import _advances, _width, broken_lines, line_count

SIZE = 8.0


def test_text_wraps_at_the_last_space_that_fits():
    text = "Участие представителей муниципальных образований в мероприятии по вопросам"
    lines = broken_lines(text, 150, SIZE)
    assert len(lines) > 1 and " ".join(lines) == text
    for line, following in zip(lines, lines[1:], strict=False):
        assert (
            line_count(f"{line} {following.split()[0]}", 150, SIZE) == 2
        )  # the next word did not fit


def test_own_line_breaks_are_kept_and_spaces_collapse_as_html_shows_them():
    assert broken_lines("Январь-апрель\n  Сентябрь-декабрь \t итоги", 500, SIZE) == [
        "Январь-апрель",
        "Сентябрь-декабрь итоги",
    ]
    assert broken_lines("", 100, SIZE) == [""]


def test_a_no_break_space_holds_its_words_together():
    lines = broken_lines("членов РО ВСМС 62\u00a0человек", 80, SIZE)
    assert any("62\u00a0человек" in line for line in lines)


def test_a_word_wider_than_the_column_breaks_at_its_edge():
    word = "https://smo-tula.ru/documents/plan-raboty-2024-utverzhdyon-prezidiumom.pdf"
    lines = broken_lines(f"см. {word}", 60, SIZE)
    assert "".join(lines[1:]) == word and lines[0] == "см."
    assert all(line_count(line, 60, SIZE) == 1 for line in lines)
    assert all(len(line) > 1 for line in lines[1:-1])  # each piece fills its line


def test_a_compound_word_breaks_after_its_hyphen_as_pango_breaks_it():
    lines = broken_lines("Информационно-аналитический отдел", 90, SIZE)
    assert lines[0] == "Информационно-" and " ".join(lines[1:]) == "аналитический отдел"
    room = _width("в 2-", _advances(False), SIZE) + 0.5  # «в 2-» would fit, «в 2-3» not
    assert broken_lines("в 2-3 квартале", room, SIZE)[:2] == ["в", "2-3"]  # not before a digit
