"""A Word export as LibreOffice lays it out: converted to PDF headless, its pages rendered with
pdftoppm, the text on them checked. `make test` installs LibreOffice and poppler when missing.
Set MUNIPLAN_SHOTS to a folder to keep the rendered pages for a person to look at."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import pdfplumber
import pytest

from muniplan.documents.export import export_plan
from muniplan.plans.services import plan_approve
from muniplan.tests_support.office import libreoffice_convert

from .conftest import load_seed

pytestmark = pytest.mark.django_db


def _convert(docx: Path, out: Path) -> Path:
    """Any office file LibreOffice opens, converted to PDF and rendered page by page."""
    pdftoppm = shutil.which("pdftoppm")
    if not pdftoppm:
        pytest.skip("нет poppler: его ставит `make browser-deps`")
    pdf = libreoffice_convert(docx, out)
    subprocess.run(
        [pdftoppm, "-png", "-r", "60", str(pdf), str(out / docx.stem)], check=True, timeout=120
    )
    return pdf


@pytest.mark.parametrize(
    "seed",
    [
        "tyumen_2026__tab_text.txt",
        "tula_2024__month_grid_text.txt",
        "smolensk_2022__tab_html_text.txt",
    ],
)
def test_libreoffice_lays_out_the_word_export_on_landscape_pages_with_the_plan_text(seed, tmp_path):
    plan = load_seed(seed)
    if seed.startswith("tyumen"):
        plan_approve(
            plan=plan,
            by=None,
            decision="решение Президиума № 12",
            approved_on=dt.date(2025, 12, 15),
        )
        plan.refresh_from_db()
    docx = tmp_path / f"{seed.split('__')[0]}.docx"
    docx.write_bytes(export_plan(plan, "docx").data)

    pdf = _convert(docx, tmp_path)

    pages = sorted(tmp_path.glob(f"{docx.stem}-*.png"))
    with pdfplumber.open(pdf) as document:
        assert len(document.pages) == len(pages) >= 2
        assert all(page.width > page.height for page in document.pages)
        text = "\n".join(page.extract_text() or "" for page in document.pages)
        last_page = document.pages[-1].extract_text() or ""
    words = " ".join(text.split())
    assert " ".join(plan.title.split()[:4]) in words
    for section in plan.sections.all():
        assert " ".join(section.title.split()[:2]) in words
    assert str(len(pages)) in last_page.split()  # the page number in the footer
    if plan.status == "approved":
        assert "УТВЕРЖДЁН" in words and "решением Президиума № 12 от 15.12.2025" in words
    shots = os.environ.get("MUNIPLAN_SHOTS")
    if shots:
        Path(shots).mkdir(parents=True, exist_ok=True)
        for page in pages:
            shutil.copy(page, Path(shots) / page.name)


def test_libreoffice_prints_the_excel_export_whole_across_the_page_with_every_row_readable(
    tmp_path,
):
    plan = load_seed("tyumen_2026__tab_text.txt")
    xlsx = tmp_path / "tyumen.xlsx"
    xlsx.write_bytes(export_plan(plan, "xlsx").data)

    pdf = _convert(xlsx, tmp_path)

    with pdfplumber.open(pdf) as document:
        first = document.pages[0].extract_text() or ""
        words = " ".join(" ".join((page.extract_text() or "").split()) for page in document.pages)
    assert "Янв" in first and "Дек" in first  # every column on the page's width
    for section in plan.sections.all():
        assert section.title in words  # a band is not broken inside the narrow first column
    # a row one line high would hide the wrapped lines of a long description
    longest = max(plan.activities.all(), key=lambda a: len(a.description))
    assert " ".join(longest.description.split()[-4:]) in words
