"""Headless LibreOffice for the tests that check a file as an office suite opens it."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest


def libreoffice_convert(document: Path, out: Path, target: str = "pdf") -> Path:
    """`document` converted into the folder `out` («pdf», or «xlsx:Calc MS Excel 2007 XML» to save
    a spreadsheet again as Calc does); the test is skipped where LibreOffice is not installed."""
    soffice = shutil.which("soffice")
    if not soffice:
        pytest.skip("нет LibreOffice: его ставит `make browser-deps`")
    subprocess.run(
        [
            soffice,
            "--headless",
            "--norestore",
            f"-env:UserInstallation=file://{out / 'profile'}",
            "--convert-to",
            target,
            "--outdir",
            str(out),
            str(document),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return out / f"{document.stem}.{target.split(':')[0]}"
