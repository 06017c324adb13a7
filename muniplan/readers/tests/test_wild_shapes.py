"""Plans as they arrive from the wild — box-drawing and ASCII frames, pipe tables, columns
aligned by spaces, web pages, a Redmine export — read back field by field: every activity's
number, title, description, period (text, months, frequency, dates) and responsible."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from muniplan.readers import read_document, read_table
from muniplan.readers.draft import HeaderError, ReadError
from muniplan.readers.plan.headers import VOCABULARY, classify
from muniplan.readers.plan.mapper import plan_from_table
from muniplan.readers.sources.html import html_text_table
from muniplan.readers.table import Table
from muniplan.readers.tests import wild_renditions as wild
from muniplan.readers.tests.gold import load_gold, mismatches

GOLDS = ["tyumen_2026", "smolensk_2022", "tula_2024"]
SHAPES = {
    "box_drawing.txt": lambda plan: wild.plan_grid_text(plan, "box"),
    "box_drawing_wrapped_titles.txt": lambda plan: wild.plan_grid_text(plan, "box", wrap=30),
    "double_frame.txt": lambda plan: wild.plan_grid_text(plan, "double"),
    "ascii_grid.txt": lambda plan: wild.plan_grid_text(plan, "ascii"),
    "dos_frame.txt": lambda plan: wild.plan_grid_text(plan, "dos"),
    "pipes.txt": wild.plan_pipe_text,
    "aligned_columns.txt": wild.plan_aligned_text,
    "web_page.html": wild.plan_html,
}


@pytest.mark.parametrize("gold", GOLDS)
@pytest.mark.parametrize("shape", SHAPES)
def test_a_seed_plan_in_a_wild_shape_reads_back_as_its_gold(gold, shape):
    expected = load_gold(gold)
    data = SHAPES[shape](expected).encode("utf-8")
    assert mismatches(read_document(f"{gold}__{shape}", data).to_json(), expected) == []


def test_a_dos_frame_text_in_windows_1251_reads_like_utf8():
    expected = load_gold("tula_2024")
    data = wild.plan_grid_text(expected, "dos").encode("cp1251", errors="strict")
    assert mismatches(read_document("plan.txt", data).to_json(), expected) == []


def test_pasted_html_with_rowspan_repeats_a_merged_cell_down_and_colspan_writes_it_once():
    page = """<h3>План работы на 2026 год</h3><table>
      <tr><th>№</th><th>Мероприятия</th><th>Сроки</th><th>Исполнители</th></tr>
      <tr><td colspan="4">I. Организационная работа</td></tr>
      <tr><td>1</td><td>Заседание правления</td><td>март</td><td rowspan="2">Аппарат Совета</td></tr>
      <tr><td>2</td><td>Съезд<br>муниципальных образований</td><td>июнь</td></tr>
    </table><p>Подготовил: отдел</p>"""
    table = html_text_table("вставка.html", page)
    assert table.rows[1] == ["I. Организационная работа", "", "", ""]
    assert table.rows[3] == ["2", "Съезд\nмуниципальных образований", "июнь", "Аппарат Совета"]
    assert table.preamble == ["План работы на 2026 год"]
    plan = plan_from_table(table)
    first, second = plan.sections[-1].activities
    assert (second.number, second.title, second.period.months, second.responsible) == (
        "2",
        "Съезд муниципальных образований",
        (6,),
        ["Аппарат Совета"],
    )
    assert plan.sections[-1].title == "I. Организационная работа" and first.period.months == (3,)


def test_the_plan_is_the_innermost_longest_table_of_a_page_laid_out_with_tables():
    expected = load_gold("tula_2024")
    inner = wild.plan_html(expected).split("<table border='1'>", 1)[1].split("</table>")[0]
    page = (
        f"<h2>{expected['title']}</h2><table><tr><td>Главная<br>Новости</td>"
        f"<td><table border='1'>{inner}</table></td></tr></table>"
    )
    assert mismatches(read_document("сайт.htm", page.encode()).to_json(), expected) == []


@pytest.mark.parametrize(("phrase", "field"), sorted(VOCABULARY.items()))
def test_every_header_of_the_vocabulary_names_its_field(phrase, field):
    assert classify(phrase) == field
    assert classify(phrase.upper().replace(" ", "\n")) == field  # as typed in capitals, wrapped


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Ответственные исполнители", "responsible"),
        ("Исполнители", "responsible"),
        ("Срок исполнения", "period"),
        ("Дата проведения", "period"),
        ("Наименование мероприятий", "title"),
        ("Содержание работы", "title"),
        ("Мероприятия", "title"),
        ("Место проведения", "location"),
        ("Отметка о выполнении", "not_imported"),
        ("Ответственный за исполнение (ФИО)", "responsible"),
    ],
)
def test_headers_real_plans_use_are_recognized(header, field):
    assert classify(header) == field


def test_a_plan_headed_the_way_councils_write_it_reads_and_says_the_execution_column_is_left_out():
    rows = [
        [
            "№ п/п",
            "Содержание работы",
            "Срок исполнения",
            "Ответственные исполнители",
            "Отметка о выполнении",
        ],
        ["1", "Заседание правления", "ежеквартально", "Исполнительный директор", "выполнено"],
    ]
    plan = plan_from_table(Table(rows=rows, preamble=[], source="совет.docx"))
    activity = plan.sections[0].activities[0]
    assert (activity.title, activity.responsible, activity.period.months) == (
        "Заседание правления",
        ["Исполнительный директор"],
        tuple(range(1, 13)),
    )
    assert plan.warnings == [
        "Файл совет.docx: столбец «Отметка о выполнении» — отметки об "
        "исполнении, а не часть плана; он не загружается."
    ]


REDMINE = [
    "#",
    "Трекер",
    "Статус",
    "Тема",
    "Описание",
    "Дата начала",
    "Срок завершения",
    "Назначена",
    "Категория",
]


def _redmine_csv(issues: int) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=",")
    writer.writerow(REDMINE)
    for n in range(1, issues + 1):
        category = "Заседания" if n % 2 else "Семинары"
        writer.writerow(
            [
                1000 + n,
                "Мероприятие",
                "Новая",
                f"Мероприятие номер {n}",
                f"Описание {n}",
                "01.02.2026",
                "31.03.2026",
                "Иванов Иван",
                category,
            ]
        )
    return buffer.getvalue().encode("utf-8")


def test_a_redmine_export_reads_as_a_plan_each_issue_an_activity_in_its_category():
    plan = read_document("redmine.csv", _redmine_csv(2000))
    sections = {s.title: s.activities for s in plan.sections if s.activities}
    assert set(sections) == {"Заседания", "Семинары"}
    assert sum(len(a) for a in sections.values()) == 2000
    first = sections["Заседания"][0]
    assert (first.number, first.title, first.description, first.responsible) == (
        "1001",
        "Мероприятие номер 1",
        "Описание 1",
        ["Иванов Иван"],
    )
    assert first.period.months == (2, 3) and first.period.text == "01.02.2026 – 31.03.2026"
    assert any("«Трекер»" in w and "не загружается" in w for w in plan.warnings)


def test_rows_that_cannot_be_told_apart_go_to_the_manual_mapping_never_glued():
    rows = [["Наименование мероприятия", "Срок"]] + [[f"Мероприятие {n}", "март"] for n in range(6)]
    with pytest.raises(HeaderError) as error:
        plan_from_table(Table(rows=rows, preamble=[], source="без номеров.xlsx"))
    assert "без номеров.xlsx" in str(error.value) and "вручную" in str(error.value)
    mapped = plan_from_table(
        Table(rows=rows, preamble=[], source="без номеров.xlsx"), columns={0: "title", 1: "period"}
    )
    assert len(mapped.sections[0].activities) == 6


def test_a_text_with_no_table_of_any_shape_is_refused_naming_the_file():
    with pytest.raises(ReadError) as error:
        read_table("письмо.txt", "Добрый день!\nВысылаю план.\n".encode())
    assert "письмо.txt" in str(error.value)


WILD = Path(__file__).parent / "fixtures" / "wild"


def _activities(name: str) -> list[tuple[str, str, tuple[int, ...], list[str]]]:
    draft = read_document(name, (WILD / name).read_bytes())
    return [
        (a.number, a.title, a.period.months, a.responsible)
        for s in draft.sections
        for a in s.activities
    ]


def test_a_legal_database_export_in_a_dos_frame_reads_every_activity():
    assert _activities("astrakhan_duma_2004__dos_frame.txt") == [
        ("1", "О ходе исполнения областного бюджета за 2004 год", (1,), ["Комитет по бюджету"]),
        ("2", "О плане законопроектной работы на 2005 год", (1, 2), ["Председатель Думы"]),
        ("3", "Об отчете Контрольно-счетной палаты области", (3,), ["Комитет по бюджету"]),
    ]


def test_an_assembly_plan_with_columns_aligned_by_spaces_reads_with_its_sections():
    draft = read_document(
        "primorsky_assembly_2004__aligned.txt",
        (WILD / "primorsky_assembly_2004__aligned.txt").read_bytes(),
    )
    assert [s.title for s in draft.sections if s.activities] == [
        "I. Заседания Законодательного Собрания",
        "II. Работа с муниципальными образованиями",
    ]
    assert _activities("primorsky_assembly_2004__aligned.txt") == [
        (
            "1",
            "О краевом бюджете на 2005 год (первое чтение)",
            (10, 11),
            ["Комитет по бюджетно-налоговой политике"],
        ),
        ("2", "О социальной поддержке ветеранов труда", (11,), ["Комитет по социальной политике"]),
        ("3", "Семинар с председателями представительных органов", (10, 11, 12), ["Аппарат"]),
    ]


def test_a_council_plan_posted_as_a_web_page_reads_with_cells_merged_down():
    assert _activities("moscow_district_council__web_table.html") == [
        (
            "1",
            "О согласовании ежеквартального сводного районного календарного плана",
            (10,),
            ["Глава муниципального округа"],
        ),
        ("2", "Об установлении местных праздников", (10,), ["Комиссия по культуре"]),
        (
            "3",
            "Об исполнении бюджета муниципального округа за 9 месяцев 2019 года",
            (11,),
            ["Бюджетно-финансовая комиссия"],
        ),
        (
            "4",
            "О бюджете муниципального округа на 2020 год",
            (12,),
            ["Бюджетно-финансовая комиссия"],
        ),
    ]
