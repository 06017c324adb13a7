"""Syntax errors of a letterhead, told against the text a person typed in Word.

docxtpl glues the document's XML into one Jinja template, so Jinja's line numbers and messages
point nowhere a person can see; the document's tags are checked again here, one tag a line, to
name the bad one in a Russian sentence.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml.ns import qn
from jinja2 import TemplateSyntaxError
from jinja2.sandbox import SandboxedEnvironment

_OPENER = re.compile(r"\{[{%#]")
_CLOSER = {"{{": "}}", "{%": "%}", "{#": "#}"}
_DOCXTPL_PREFIX = re.compile(r"^(\{[{%#])(?:tr|tc|p|r) ")  # {%p if %}, {{r x }} and the like
_DOCXTPL_CELL = re.compile(r"^\{%-?\s*(colspan|cellbg)\s+(.*?)\s*-?%\}$")
_DOCXTPL_MERGE = re.compile(r"^\{%-?\s*[vh]m\s*-?%\}$")
_STATEMENT = re.compile(r"^\{%(?:tr |tc |p |r )?[-+]?\s*(\w+)")
_BLOCKS = {"if", "for", "with", "macro", "call", "filter", "block", "autoescape", "raw", "set"}
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})
_TOKENS = {
    "end of print statement": "«}}»",
    "end of statement block": "«%}»",
    "end of template": "конец документа",
    "name": "имя поля",
    "string": "текст в кавычках",
    "integer": "число",
    "float": "число",
}


def syntax_problem(data: bytes, error: TemplateSyntaxError) -> str:
    """A Russian sentence naming the tag, as typed, that breaks the form."""
    for tags in _tags_by_part(Document(io.BytesIO(data))):
        problem = _unclosed(tags) or _compile_problem(tags)
        if problem:
            return problem
    context = getattr(error, "docx_context", None)
    near = " ".join(context).strip()[:120] if context else ""
    return (
        "ошибка в тегах — проверьте, что каждый «{{» закрыт «}}», а «{%» — «%}»"
        + (f", рядом с текстом «{near}»" if near else "")
        + f" (подробности: {error.message})"
    )


def _tags_by_part(word) -> Iterator[list[str]]:
    """The tags of the body, then of each header and footer (docxtpl fills each apart)."""
    elements = [word.element.body] + [
        rel.target_part.element
        for rel in word.part.rels.values()
        if rel.reltype in (RELATIONSHIP_TYPE.HEADER, RELATIONSHIP_TYPE.FOOTER)
    ]
    for element in elements:
        yield [tag for text in _paragraph_texts(element) for tag in _tags(text)]


def _paragraph_texts(element) -> list[str]:
    """Each paragraph's text, table cells included, joined over runs of any formatting."""
    texts: dict = {}
    for node in element.iter(qn("w:t")):
        paragraph = next(node.iterancestors(qn("w:p")), None)
        texts[paragraph] = texts.get(paragraph, "") + (node.text or "")
    return list(texts.values())


def _tags(text: str) -> Iterator[str]:
    """Each tag of one paragraph; an unclosed one runs to the next tag or the paragraph's end."""
    starts = [match.start() for match in _OPENER.finditer(text)]
    for start, end in zip(starts, starts[1:] + [len(text)], strict=False):
        stop = text.find(_CLOSER[text[start : start + 2]], start + 2, end)
        if stop >= 0:
            yield text[start : stop + 2]
        else:  # as typed, with at most one space after it
            tag = text[start:end]
            yield tag.rstrip() + (" " if tag != tag.rstrip() else "")


def _unclosed(tags: list[str]) -> str:
    for tag in tags:
        closer = _CLOSER[tag[:2]]
        if tag.endswith(closer) and len(tag) >= 4:
            continue
        ending = tag.rstrip()
        missing = closer[1:] if len(ending) > 2 and ending.endswith(closer[0]) else closer
        return f"тег «{_shown(tag)}» не закрыт — допишите «{missing}»"
    return ""


def _compile_problem(tags: list[str]) -> str:
    source = "\n".join(_jinja_source(tag) for tag in tags)
    try:
        SandboxedEnvironment().compile(source)
    except TemplateSyntaxError as error:
        lineno = error.lineno or 0
        tag = tags[lineno - 1] if 0 < lineno <= len(tags) else ""
        return _explain(error.message or "", tag, tags[: max(lineno - 1, 0)], tags)
    return ""


def _jinja_source(tag: str) -> str:
    """The tag as docxtpl hands it to Jinja."""
    tag = _DOCXTPL_PREFIX.sub(r"\1 ", tag.replace("\n", " ")).translate(_QUOTES)
    if _DOCXTPL_MERGE.match(tag):
        return ""
    return _DOCXTPL_CELL.sub(r"{{ \2 }}", tag)


def _open_blocks(tags: list[str]) -> list[tuple[str, str]]:
    stack: list[tuple[str, str]] = []
    for tag in tags:
        match = _STATEMENT.match(tag)
        name = match.group(1) if match else ""
        if name in _BLOCKS and not (name == "set" and "=" in tag):
            stack.append((name, tag))
        elif name.startswith("end") and stack and stack[-1][0] == name[3:]:
            stack.pop()
    return stack


def _opening(name: str, tags: list[str]) -> str:
    """The innermost block `name` left open in tags, as typed."""
    found = [tag for block, tag in _open_blocks(tags) if block == name]
    return _shown(found[-1]) if found else f"{{% {name} … %}}"


def _closing(name: str, tags: list[str]) -> str:
    """The tag ending the block, in the form its opening uses: {%p if %} → {%p endif %}."""
    found = [tag for block, tag in _open_blocks(tags) if block == name]
    prefix = _DOCXTPL_PREFIX.match(found[-1]) if found else None
    return f"{{%{prefix.group(0)[2:] if prefix else ' '}end{name} %}}"


def _explain(message: str, tag: str, before: list[str], tags: list[str]) -> str:
    for pattern, sentence in _RULES:
        match = re.search(pattern, message, flags=re.DOTALL)
        if match and (tag or pattern == _UNCLOSED_BLOCK):
            return sentence(match, _shown(tag), before, tags)
    if not tag:
        return f"ошибка в тегах — проверьте их написание (подробности: {message})"
    return f"в теге «{_shown(tag)}» ошибка — проверьте его написание (подробности: {message})"


def _shown(tag: str) -> str:
    return tag if len(tag) <= 80 else tag[:79] + "…"


def _token(name: str) -> str:
    return _TOKENS.get(name, f"«{name}»")


_UNCLOSED_BLOCK = r"^Unexpected end of template\..*innermost block .* is '(\w+)'"
_Rule = Callable[[re.Match, str, list[str], list[str]], str]
_RULES: list[tuple[str, _Rule]] = [
    (
        _UNCLOSED_BLOCK,
        lambda m, tag, before, tags: (
            f"блок «{_opening(m[1], tags)}» не закрыт — добавьте «{_closing(m[1], tags)}»"
        ),
    ),
    (
        r"^Encountered unknown tag '(\w+)'\. You probably made a nesting mistake\..*"
        r"innermost block .* is '(\w+)'",
        lambda m, tag, before, tags: (
            f"блок «{_opening(m[2], before)}» не закрыт до «{tag}» — "
            f"добавьте «{_closing(m[2], before)}» перед «{tag}»"
        ),
    ),
    (
        r"^Encountered unknown tag 'end(\w+)'",
        lambda m, tag, before, tags: (
            f"тег «{tag}» закрывает блок, который не открыт — "
            f"уберите его или добавьте выше «{{% {m[1]} … %}}»"
        ),
    ),
    (
        r"^Encountered unknown tag '(else|elif)'",
        lambda m, tag, before, tags: (
            f"тег «{tag}» стоит вне блока — уберите его или добавьте выше «{{% if … %}}»"
        ),
    ),
    (
        r"^Encountered unknown tag '(\w+)'",
        lambda m, tag, before, tags: (
            f"в теге «{tag}» неизвестная команда «{m[1]}» — проверьте написание "
            "(например, «if», «for», «endif»)"
        ),
    ),
    (
        r"^No filter named '([^']+)'",
        lambda m, tag, before, tags: f"в теге «{tag}» неизвестный фильтр «{m[1]}»",
    ),
    (
        r"^No test named '([^']+)'",
        lambda m, tag, before, tags: f"в теге «{tag}» неизвестная проверка «is {m[1]}»",
    ),
    (
        r"^tag name expected|^Expected an expression, got 'end of|^unexpected 'end of",
        lambda m, tag, before, tags: (
            f"тег «{tag}» пуст — впишите в него поле (например, «{{{{ title }}}}») или уберите его"
            if re.fullmatch(r"\{[{%][-+\s]*[-+]?[}%]\}", tag)
            else f"в теге «{tag}» не хватает имени поля или условия"
        ),
    ),
    (
        r"^expected token '([^']+)', got '([^']+)'",
        lambda m, tag, before, tags: (
            f"в теге «{tag}» ожидалось {_token(m[1])}, а стоит {_token(m[2])}"
        ),
    ),
    (
        r"^unexpected char ['\"](['\"])['\"]",
        lambda m, tag, before, tags: f"в теге «{tag}» не закрыта кавычка {m[1]}",
    ),
    (
        r"^unexpected char ['\"](.)['\"]",
        lambda m, tag, before, tags: f"в теге «{tag}» недопустимый знак «{m[1]}»",
    ),
    (
        r"^unexpected '([^']+)'(?:, expected '([^']+)')?",
        lambda m, tag, before, tags: (
            f"в теге «{tag}» лишний знак {_token(m[1])}"
            + (f" — ожидалось {_token(m[2])}" if m[2] else "")
        ),
    ),
]
