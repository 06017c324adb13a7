"""Page checks shared by the browser tests: axe-core, sideways scrolling, English words, debug pages.

axe-core is vendored in `axe/` (MPL-2.0) for the tests only; it is evaluated through Playwright, which
is not subject to the page's Content-Security-Policy.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from playwright.sync_api import Page

HERE = Path(__file__).resolve().parent
SEEDS = HERE.parent / "seeds"
BLOCKING_IMPACTS = ("serious", "critical")

# Latin letters that are not English: the product's name, names of file formats and programs,
# Roman numerals of congresses and sections.
# Product and file-format names are names: people know them in Latin letters.
ALLOWED_WORDS = {
    "MuniPlan",
    "Word",
    "Excel",
    "PDF",
    "CSV",
    "iCalendar",
    "LibreOffice",
    "JPEG",
    "PNG",
    "Telegram",
    "Google",
    "Outlook",
    "Thunderbird",
    "OpenDocument",
    "Writer",
    "Calc",
    "RTF",
    "ZIP",
}
ROMAN = re.compile(r"^[IVXLCDM]+$")
# Addresses, e-mails, file names, logins and the placeholders a person types into a Word form
# ({{ title }}) are names, whatever their letters.
NAMES = re.compile(
    r"https?://\S+|www\.\S+|\S+@\S+|\{\{\s*[\w.]+\s*\}\}"
    r"|[\w.-]*\.(?:txt|docx?|pdf|xlsx?|csv|ics|html?|odt|ods|rtf|zip|jpe?g|png|tiff?)\b"
    r"|\b[a-z0-9]+(?:[-.][a-z0-9]+)+\b",
    re.IGNORECASE,
)
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
DEBUG_PAGE_MARKS = (
    "Traceback (most recent call last)",
    "Using the URLconf defined in",
    "You're seeing this error because you have",
    "Request Method:",
)


@cache
def _axe_source() -> str:
    return (HERE / "axe" / "axe.min.js").read_text(encoding="utf-8")


@cache
def _seed_words() -> frozenset[str]:
    """Latin words the users' own documents contain: data, not interface."""
    words = set()
    for path in SEEDS.glob("*.txt"):
        words.update(LATIN_WORD.findall(path.read_text(encoding="utf-8")))
    return frozenset(words)


def axe_violations(page: Page, impacts=BLOCKING_IMPACTS) -> list[str]:
    """The serious and critical axe-core violations of the page, one line each (rule, impact, where)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(_axe_source())
    found = page.evaluate("""async () => {
        const result = await axe.run(document, {resultTypes: ['violations']});
        return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            targets: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
    }""")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {', '.join(v['targets'])}"
        for v in found
        if v["impact"] in impacts
    ]


def horizontal_overflow(page: Page) -> int:
    """How many pixels the page is wider than the window (0 when nothing scrolls sideways)."""
    return page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")


def english_words(page: Page, extra_names=()) -> list[str]:
    """Latin-letter words in the visible text that are neither names nor the users' own data."""
    text = NAMES.sub(" ", page.locator("body").inner_text())
    allowed = ALLOWED_WORDS | _seed_words() | set(extra_names)
    return sorted({w for w in LATIN_WORD.findall(text) if w not in allowed and not ROMAN.match(w)})


def debug_page(page: Page) -> bool:
    html = page.content()
    return any(mark in html for mark in DEBUG_PAGE_MARKS)
