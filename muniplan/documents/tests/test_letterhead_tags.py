"""A broken Word form is refused with a Russian sentence naming the tag as it was typed."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from docx import Document

from muniplan.conftest import PASSWORD
from muniplan.documents.models import Letterhead
from muniplan.documents.services import letterhead_upload

from .conftest import load_seed

NAME = "бланк.docx"
ALLOWED = "{{ title }}, {{ organization }}, {{ year }}, {{ approval }}, {{ notes }}, {{ table }}"


@pytest.fixture
def tyumen_plan(tyumen, admin_user):
    return load_seed("tyumen_2026__tab_text.txt", organization=tyumen)


def _saved(word) -> bytes:
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def _form(*lines: str) -> bytes:
    word = Document()
    for line in lines:
        word.add_paragraph(line)
    return _saved(word)


def _refusal(organization, data: bytes, by=None) -> str:
    with pytest.raises(ValidationError) as refused:
        letterhead_upload(organization=organization, name=NAME, data=data, by=by)
    assert not Letterhead.objects.exists()
    return refused.value.messages[0]


BROKEN = [
    (
        ("{{ plan.title ", "{{ table }}"),
        "тег «{{ plan.title » не закрыт — допишите «}}»",
    ),
    (
        ("{{ title }", "{{ table }}"),
        "тег «{{ title }» не закрыт — допишите «}»",
    ),
    (
        ("{% if plan.approved %}", "{{ title }}", "{{ table }}"),
        "блок «{% if plan.approved %}» не закрыт — добавьте «{% endif %}»",
    ),
    (
        ("{%p if approval %}", "{{ approval }}", "{{ table }}"),
        "блок «{%p if approval %}» не закрыт — добавьте «{%p endif %}»",
    ),
    (
        ("{% if approval %}", "{% if title %}", "{% endif %}", "{{ table }}"),
        "блок «{% if approval %}» не закрыт — добавьте «{% endif %}»",
    ),
    (
        ("{{ title }}", "{% endfor %}", "{{ table }}"),
        "тег «{% endfor %}» закрывает блок, который не открыт — "
        "уберите его или добавьте выше «{% for … %}»",
    ),
    (
        ("{% for line in notes %}", "{% if line %}{{ line }}", "{% endfor %}", "{{ table }}"),
        "блок «{% if line %}» не закрыт до «{% endfor %}» — "
        "добавьте «{% endif %}» перед «{% endfor %}»",
    ),
    (
        ("{% else %}", "{{ table }}"),
        "тег «{% else %}» стоит вне блока — уберите его или добавьте выше «{% if … %}»",
    ),
    (
        ("{% iff approval %}{{ approval }}{% endif %}", "{{ table }}"),
        "в теге «{% iff approval %}» неизвестная команда «iff» — проверьте написание "
        "(например, «if», «for», «endif»)",
    ),
    (
        ("{{ title|capitalise }}", "{{ table }}"),
        "в теге «{{ title|capitalise }}» неизвестный фильтр «capitalise»",
    ),
    (
        ("{{ plan title }}", "{{ table }}"),
        "в теге «{{ plan title }}» ожидалось «}}», а стоит «title»",
    ),
    (
        ("{{ }}", "{{ table }}"),
        "тег «{{ }}» пуст — впишите в него поле (например, «{{ title }}») или уберите его",
    ),
    (
        ("{% if %}{{ title }}{% endif %}", "{{ table }}"),
        "в теге «{% if %}» не хватает имени поля или условия",
    ),
    (
        ("{{ 'Утверждаю }}", "{{ table }}"),
        "в теге «{{ 'Утверждаю }}» не закрыта кавычка '",
    ),
    (
        ("{{ year ] }}", "{{ table }}"),
        "в теге «{{ year ] }}» лишний знак «]»",
    ),
    (
        ("{% set 1 = year %}", "{{ table }}"),
        "в теге «{% set 1 = year %}» ошибка — проверьте его написание "
        "(подробности: can't assign to 'const')",
    ),
]


@pytest.mark.parametrize(("lines", "problem"), BROKEN, ids=[problem for _, problem in BROKEN])
def test_a_broken_form_is_refused_naming_the_tag_as_typed(tyumen, lines, problem):
    assert _refusal(tyumen, _form(*lines)) == f"Шаблон {NAME}: {problem}."


def test_the_bad_tag_is_named_in_the_middle_of_a_paragraph(tyumen):
    data = _form("Утверждаю: {{ approval }} от {{ year", "{{ table }}")
    assert _refusal(tyumen, data) == f"Шаблон {NAME}: тег «{{{{ year» не закрыт — допишите «}}}}»."


def test_the_bad_tag_is_named_inside_a_table_cell(tyumen):
    word = Document()
    word.add_paragraph("{{ title }}")
    cells = word.add_table(rows=1, cols=2).rows[0].cells
    cells[0].text = "Председатель"
    cells[1].text = "{% if approval %}{{ approval }}"
    word.add_paragraph("{{ table }}")
    assert _refusal(tyumen, _saved(word)) == (
        f"Шаблон {NAME}: блок «{{% if approval %}}» не закрыт — добавьте «{{% endif %}}»."
    )


def test_a_tag_split_over_runs_of_different_formatting_is_named_whole(tyumen):
    word = Document()
    paragraph = word.add_paragraph("Тема: ")
    paragraph.add_run("{{ plan.").bold = True  # Word splits a tag a person edited in part
    paragraph.add_run("title ").italic = True
    paragraph.add_run("— проект")
    word.add_paragraph("{{ table }}")
    assert _refusal(tyumen, _saved(word)) == (
        f"Шаблон {NAME}: тег «{{{{ plan.title — проект» не закрыт — допишите «}}}}»."
    )


def test_a_filter_split_over_runs_is_named_whole(tyumen):
    word = Document()
    paragraph = word.add_paragraph()
    paragraph.add_run("{{ title|")
    paragraph.add_run("upper2").underline = True
    paragraph.add_run(" }}")
    word.add_paragraph("{{ table }}")
    assert _refusal(tyumen, _saved(word)) == (
        f"Шаблон {NAME}: в теге «{{{{ title|upper2 }}}}» неизвестный фильтр «upper2»."
    )


def test_an_unknown_field_is_still_named(tyumen):
    data = _form("{{ director_name }}", "{{ table }}")
    assert _refusal(tyumen, data) == (
        f"Шаблон {NAME}: неизвестный тег {{{{ director_name }}}}. Допустимы: {ALLOWED}."
    )


def test_a_block_left_open_in_the_body_and_closed_in_the_header_is_named(tyumen):
    word = Document()
    word.sections[0].header.paragraphs[0].text = "{% endif %}"
    word.add_paragraph("{% if approval %}{{ approval }}")
    word.add_paragraph("{{ table }}")
    assert _refusal(tyumen, _saved(word)) == (
        f"Шаблон {NAME}: блок «{{% if approval %}}» не закрыт — добавьте «{{% endif %}}»."
    )


def test_a_stored_form_that_breaks_keeps_the_default_layout_with_the_russian_message(
    client, admin_user, tyumen, tyumen_plan
):
    client.login(username=admin_user.username, password=PASSWORD)
    letterhead_upload(
        organization=tyumen, name=NAME, data=_form("{{ title }}", "{{ table }}"), by=admin_user
    )
    letterhead = Letterhead.objects.get()
    with letterhead.file.open("wb") as stored:
        stored.write(_form("{% if approval %}", "{{ title }}", "{{ table }}"))
    response = client.get(
        reverse("documents-plan-export", args=[tyumen_plan.pk]), {"format": "docx"}
    )
    word = Document(io.BytesIO(response.content))
    assert word.paragraphs[0].text == tyumen_plan.title  # the default layout
    letterhead.refresh_from_db()
    assert letterhead.error == (
        f"Шаблон {NAME}: блок «{{% if approval %}}» не закрыт — добавьте «{{% endif %}}»."
    )
    page = client.get(reverse("documents-organization", args=[tyumen.pk])).content.decode()
    assert "Бланк не используется" in page
