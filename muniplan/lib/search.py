"""Text search that treats Russian letters alike on every database. Plain Python.

SQLite's LIKE folds the case of Latin letters only, so «муниципальн» would miss «Муниципальные»
there; a folded copy of the searchable text is kept beside the record and searched with the
folded query instead.
"""

from __future__ import annotations

import re


def fold(text: str) -> str:
    return " ".join((text or "").casefold().replace("ё", "е").split())


def search_key(*texts: str) -> str:
    return fold(" \n ".join(t for t in texts if t))


def match_pattern(query: str) -> re.Pattern | None:
    """A pattern finding the query in the original text as `fold` compares them: any case, е for ё,
    any run of spaces — so that a page can mark what the search matched."""
    folded = fold(query)
    if not folded:
        return None
    parts = [r"\s+" if ch == " " else "[её]" if ch == "е" else re.escape(ch) for ch in folded]
    return re.compile("".join(parts), re.IGNORECASE)
