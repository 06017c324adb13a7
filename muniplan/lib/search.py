"""Text search that treats Russian letters and word forms alike on every database.

SQLite's LIKE folds the case of Latin letters only, so «муниципальн» would miss «Муниципальные»
there; a folded copy of the searchable text is kept beside the record and searched with the
folded query instead. Each word of the query is cut to its stem (Snowball's Russian stemmer), and
a record matches when its folded text holds every stem: «семинары» finds «семинаров», «новость»
finds «новостей». The stem is a prefix of the word's forms, so no stemmed copy needs storing.
Folding and stemming are plain Python; `holds_stems` is the one database filter built on them.
"""

from __future__ import annotations

import re
from functools import lru_cache

import snowballstemmer
from django.db.models import Q

_WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    return " ".join((text or "").casefold().replace("ё", "е").split())


def search_key(*texts: str) -> str:
    return fold(" \n ".join(t for t in texts if t))


@lru_cache(maxsize=1)
def _stemmer():
    return snowballstemmer.stemmer("russian")


def query_stems(query: str) -> list[str]:
    """The stems a record's folded text must all contain; one-letter words («в», «и») are left out."""
    words = [w for w in _WORD.findall(fold(query)) if len(w) > 1 or w.isdigit()]
    return list(dict.fromkeys(_stemmer().stemWords(words)))


def holds_stems(stems: list[str], field: str = "search_text") -> Q:
    """Rows whose folded `field` contains every stem."""
    return Q(*[Q(**{f"{field}__contains": stem}) for stem in stems])


def match_pattern(query: str) -> re.Pattern | None:
    """A pattern finding the query's stems in the original text as `fold` compares them: any case,
    е for ё — so that a page can mark what the search matched."""
    stems = query_stems(query)
    if not stems:
        return None
    alternatives = (
        "".join("[её]" if ch == "е" else re.escape(ch) for ch in stem) + r"\w*"  # the whole form
        for stem in sorted(stems, key=len, reverse=True)
    )
    return re.compile("|".join(alternatives), re.IGNORECASE)
