"""An organization's own Word form (letterhead) with docxtpl placeholders.

The form holds the organization's header, fonts and signatures; the plan goes into it through
these placeholders: {{ title }}, {{ organization }}, {{ year }}, {{ approval }}, {{ notes }}
and the table as a paragraph of its own: {{ table }}. A form that does not render is refused
at upload with the bad tag named; one that fails later is set aside (its error kept and shown)
and the default layout is used until an administrator uploads a fixed one.
"""

from __future__ import annotations

import io
import re

from docx.oxml.ns import qn
from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment

from .layouts import PlanDocument
from .letterhead_tags import syntax_problem
from .renderers.word import plan_table, render_docx

TABLE_MARK = "\u2063MUNIPLAN-TABLE\u2063"  # stands in for the table until the form is filled
PLACEHOLDERS = ("title", "organization", "year", "approval", "notes", "table")
MAX_BYTES = 5 * 1024 * 1024


class LetterheadError(ValueError):
    pass


def render_plan_docx(document: PlanDocument) -> tuple[bytes, str]:
    """The Word file in the organization's form when it has a working one; else the default."""
    letterhead = getattr(document.plan.organization, "letterhead", None)
    if letterhead is None or letterhead.error:
        return render_docx(document), ""
    with letterhead.file.open("rb") as stored:
        data = stored.read()
    try:
        return render_letterhead(data, document, letterhead.original_name), ""
    except LetterheadError as error:
        letterhead.error = str(error)
        letterhead.save(update_fields=["error"])
        return render_docx(document), f"{error} Документ сделан в стандартном оформлении."


def render_letterhead(data: bytes, document: PlanDocument, name: str) -> bytes:
    template = _open(data, name)
    _check_tags(template, data, name)
    context = {
        "title": document.title,
        "organization": str(document.plan.organization),
        "year": document.plan.year,
        "approval": "\n".join(document.approval),
        "notes": "\n".join(document.notes),
        "table": TABLE_MARK,
    }
    try:
        template.render(context, jinja_env=SandboxedEnvironment(undefined=StrictUndefined))
    except TemplateSyntaxError as error:
        raise LetterheadError(f"Шаблон {name}: {syntax_problem(data, error)}.") from error
    except UndefinedError as error:
        raise LetterheadError(f"Шаблон {name}: неизвестный тег — {_undefined(error)}.") from error
    except TemplateError as error:
        raise LetterheadError(f"Шаблон {name}: шаблон не заполняется ({error}).") from error
    _place_table(template.docx, plan_table(document), name)
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()


def _place_table(word, table, name: str) -> None:
    """The paragraph holding {{ table }} gives its place to the plan table."""
    body = word.element.body
    for paragraph in body.iter(qn("w:p")):
        if TABLE_MARK in paragraph.xpath("string(.)"):
            paragraph.addprevious(table)
            paragraph.getparent().remove(paragraph)
            return
    raise LetterheadError(
        f"Шаблон {name}: нет места для таблицы плана — добавьте абзац {{{{ table }}}}."
    )


def letterhead_check(data: bytes, name: str, document: PlanDocument) -> None:
    """Refuse a form that is not a .docx, is too big or does not render with a real plan."""
    if not name.lower().endswith(".docx"):
        raise LetterheadError(f"Шаблон {name}: нужен документ Word в формате .docx.")
    if len(data) > MAX_BYTES:
        raise LetterheadError(f"Шаблон {name} слишком большой: допустимо не более 5 МБ.")
    render_letterhead(data, document, name)


def _open(data: bytes, name: str):
    from docxtpl import DocxTemplate

    from muniplan.readers import check_office_file
    from muniplan.readers.draft import ReadError

    try:
        check_office_file(name if name.lower().endswith(".docx") else f"{name}.docx", data)
        template = DocxTemplate(io.BytesIO(data))
        template.init_docx()
    except ReadError as error:
        raise LetterheadError(str(error)) from error
    except Exception as error:  # noqa: BLE001 — a damaged package fails in any way at all
        raise LetterheadError(
            f"Шаблон {name} повреждён или не является документом Word (.docx)."
        ) from error
    return template


def _check_tags(template, data: bytes, name: str) -> None:
    try:
        used = template.get_undeclared_template_variables(jinja_env=SandboxedEnvironment())
    except TemplateSyntaxError as error:
        raise LetterheadError(f"Шаблон {name}: {syntax_problem(data, error)}.") from error
    unknown = sorted(set(used) - set(PLACEHOLDERS))
    if unknown:
        tags = ", ".join(f"{{{{ {tag} }}}}" for tag in unknown)
        raise LetterheadError(
            f"Шаблон {name}: неизвестный тег {tags}. Допустимы: "
            + ", ".join(f"{{{{ {tag} }}}}" for tag in PLACEHOLDERS)
            + "."
        )
    if "table" not in used:
        raise LetterheadError(
            f"Шаблон {name}: нет места для таблицы плана — добавьте абзац {{{{ table }}}}."
        )


def _undefined(error: UndefinedError) -> str:
    match = re.search(r"'([^']+)' is undefined", str(error))
    if match:
        return f"{{{{ {match.group(1)} }}}}"
    match = re.search(r"has no attribute '([^']+)'", str(error))
    return f"у поля нет свойства «{match.group(1)}»" if match else str(error)
