"""Just enough Russian morphology to name an organization in the nominative case.

Plans name their author in the genitive («план работы Совета …») and partners in the
instrumental («совместно с Комитетом …»); the product stores names as a directory would, in
the nominative. Only the head of the phrase changes: the first noun and the adjectives before
it. What follows the head («… муниципальных образований Тюменской области») is already in the
case the name needs, so it is kept as written.
"""

from __future__ import annotations

import re

# Endings that make a word an adjective in the genitive (-ого, -ой, -их) or instrumental
# (-ым, -им, -ой, -ей) case; the head noun comes after them. The stem must end the way
# adjective stems do (-ск-, -н-, -в-…), so that nouns in -ой/-ей («Думой», «комиссией») are
# not taken for adjectives.
_ADJ_STEM = r"[кнвчжшщлр]"
_GEN_ADJ = re.compile(rf"(?i)(?<={_ADJ_STEM})(ого|его|ой|ей|ых|их)$")
_INS_ADJ = re.compile(rf"(?i)(?<={_ADJ_STEM})(ыми|ими|ым|им|ой|ей)$")

# Head nouns whose ending rules would mislead; keys are lower case.
_IRREGULAR = {
    "совета": "совет",
    "советом": "совет",
    "избирком": "избирком",
    "избиркома": "избирком",
    "избиркомом": "избирком",
}

# (genitive ending, nominative ending, gender) for the head noun, longest first.
_GEN_NOUN = [
    ("ения", "ение", "n"),
    ("ания", "ание", "n"),
    ("ства", "ство", "n"),
    ("ии", "ия", "f"),
    ("ы", "а", "f"),
    ("и", "ь", "f"),
    ("я", "ь", "m"),
    ("а", "", "m"),
]
# (instrumental ending, nominative ending, gender).
_INS_NOUN = [
    ("ением", "ение", "n"),
    ("анием", "ание", "n"),
    ("ством", "ство", "n"),
    ("ией", "ия", "f"),
    ("ью", "ь", "f"),
    ("ой", "а", "f"),
    ("ей", "я", "f"),
    ("ем", "ь", "m"),
    ("ом", "", "m"),
]
_ADJ_NOM = {"m": ("ий", "ый"), "n": ("ее", "ое"), "f": ("яя", "ая")}
_SOFT_STEM = re.compile(r"(?i)[кгхжшщч]$")


def genitive_to_nominative(phrase: str) -> str:
    return _head_to_nominative(phrase, _GEN_ADJ, _GEN_NOUN)


def instrumental_to_nominative(phrase: str) -> str:
    return _head_to_nominative(phrase, _INS_ADJ, _INS_NOUN)


def _head_to_nominative(phrase: str, adj_re: re.Pattern, noun_rules) -> str:
    words = phrase.split(" ")
    adjectives = 0
    # A word is an adjective of the head only if another declined word follows it.
    while (
        adjectives + 1 < len(words)
        and adj_re.search(words[adjectives])
        and not words[adjectives].startswith("«")
    ):
        adjectives += 1
    head, gender = _noun(words[adjectives], noun_rules)
    if head is None:
        return phrase
    fixed = [_adjective(w, adj_re, gender) for w in words[:adjectives]]
    return " ".join([*fixed, head, *words[adjectives + 1 :]])


def _noun(word: str, rules) -> tuple[str | None, str]:
    irregular = _IRREGULAR.get(word.lower())
    if irregular is not None:
        capitalized = irregular[0].upper() + irregular[1:] if word[0].isupper() else irregular
        return _same_case(word, capitalized), "m"
    for ending, nominative, gender in rules:
        if word.lower().endswith(ending) and len(word) > len(ending) + 1:
            return word[: len(word) - len(ending)] + _same_case(word, nominative), gender
    return None, "m"


def _adjective(word: str, adj_re: re.Pattern, gender: str) -> str:
    stem = adj_re.sub("", word)
    soft, hard = _ADJ_NOM[gender]
    # «региональн-ый», «смоленск-ий»: the ending after к/г/х/ш… is soft in the masculine.
    ending = soft if gender == "m" and _SOFT_STEM.search(stem) else hard
    if gender == "m" and word.lower().endswith(("его", "ей", "им")):
        ending = soft
    return stem + _same_case(word, ending)


def _same_case(model: str, text: str) -> str:
    return text.upper() if model.isupper() and len(model) > 1 else text


def locative_city_to_nominative(word: str) -> str | None:
    """«Смоленске» → «Смоленск»; None when the ending leaves the name uncertain («Туле»)."""
    for ending, nominative in (("ске", "ск"), ("бурге", "бург"), ("граде", "град")):
        if word.endswith(ending):
            return word[: -len(ending)] + nominative
    return None
