"""Text search that treats Russian letters alike on every database. Plain Python.

SQLite's LIKE folds the case of Latin letters only, so «муниципальн» would miss «Муниципальные»
there; a folded copy of the searchable text is kept beside the record and searched with the
folded query instead.
"""

from __future__ import annotations


def fold(text: str) -> str:
    return " ".join((text or "").casefold().replace("ё", "е").split())


def search_key(*texts: str) -> str:
    return fold(" \n ".join(t for t in texts if t))
