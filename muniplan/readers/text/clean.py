"""Cleaning of cell and paragraph text as found in pasted, exported or typed documents."""

from __future__ import annotations

import html
import re

_BREAK_TAGS = re.compile(r"<\s*(br|/p|/div|/li)\s*/?\s*>", re.IGNORECASE)
_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][^<>]*>")


def clean_lines(text: str) -> list[str]:
    """The non-empty lines of a cell: HTML and markdown emphasis removed, spaces collapsed.

    Pasted web text brings `<p>` fragments and `**bold**` marks; the user never wants them in
    the plan, and blank lines inside a cell carry no meaning.
    """
    # Most cells carry no markup: the regular expressions run only where they can match,
    # and `str.split` (which also splits at no-break and figure spaces) collapses the spaces —
    # this function runs for every cell of every plan.
    if "<" in text:
        text = _TAG.sub("", _BREAK_TAGS.sub("\n", text))
    if "&" in text:
        text = html.unescape(text)
    text = text.replace("**", "").replace("\r", "\n")
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return [line for line in lines if line]


def clean(text: str) -> str:
    """A cell as several lines joined with "\\n"."""
    return "\n".join(clean_lines(text))


def one_line(text: str) -> str:
    """A cell whose line breaks are only wrapping (a title): joined with spaces.

    A word hyphenated at the wrap («ОРИЕН-» / «ТИРОВОЧНАЯ») is glued back only when the next
    line starts in lower case or both halves are upper case; «Москва-» / «Сити» keeps its hyphen.
    """
    out = ""
    for line in clean_lines(text):
        if out.endswith("-") and _continues_word(out, line):
            out = out[:-1] + line
        elif out.endswith("-"):
            out += line  # a compound split at its own hyphen
        else:
            out = f"{out} {line}" if out else line
    return out


def _continues_word(before: str, line: str) -> bool:
    first = line[0]
    tail = before.rstrip("-").split(" ")[-1]
    return first.islower() or (tail.isupper() and first.isupper() and len(tail) > 1)
