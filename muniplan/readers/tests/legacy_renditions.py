"""Seed renditions saved by LibreOffice in the legacy and OpenDocument formats (.doc, .rtf,
.odt, .xls, .ods), several files per LibreOffice start, for the conversion tests."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

FILTERS = {
    ".doc": "doc:MS Word 97",
    ".rtf": "rtf",
    ".odt": "odt",
    ".xls": "xls:MS Excel 97",
    ".ods": "ods",
}


def save_as(files: dict[str, bytes], suffix: str, timeout: float = 180) -> dict[str, bytes]:
    """{name: data} in the format of `suffix`, keyed by the same names with the new suffix."""
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        for name, data in files.items():
            (work / name).write_bytes(data)
        subprocess.run(
            [
                shutil.which("soffice"),
                "--headless",
                "--norestore",
                f"-env:UserInstallation={(work / 'profile').as_uri()}",
                "--convert-to",
                FILTERS[suffix],
                "--outdir",
                str(work / "out"),
                *(str(work / n) for n in files),
            ],
            check=True,
            capture_output=True,
            timeout=timeout,
        )
        return {
            Path(n).stem + suffix: (work / "out" / (Path(n).stem + suffix)).read_bytes()
            for n in files
        }


FIXTURES = Path(__file__).parent / "fixtures" / "legacy"
GOLDS = ("tyumen_2026", "smolensk_2022", "tula_2024")


def write_fixtures() -> None:
    """Regenerate fixtures/legacy/ (LibreOffice is slow to start, so the tests read files
    saved once): each seed rendition as .odt, .doc, .rtf (saved from LibreOffice's own document,
    as its users do: LibreOffice drops the table of a python-docx file, which has no column
    widths, when writing .doc straight from it), .xls and .ods.

    tula_2024__password_secret.doc is not regenerated: it is tula_2024's .doc stored once by
    LibreOffice 7.4 through UNO with the filter "MS Word 97" and the Password «secret» (the
    command line cannot set a password)."""
    from muniplan.readers.tests.gold import load_gold
    from muniplan.readers.tests.renditions import plan_docx, plan_xlsx

    words = {f"{g}__seed_rendition.docx": plan_docx(load_gold(g)) for g in GOLDS}
    sheets = {f"{g}__seed_rendition.xlsx": plan_xlsx(load_gold(g)) for g in GOLDS}
    files = save_as(words, ".odt")
    odt = dict(files)
    for suffix in (".doc", ".rtf"):
        files.update(save_as(odt, suffix))
    for suffix in (".xls", ".ods"):
        files.update(save_as(sheets, suffix))
    FIXTURES.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (FIXTURES / name).write_bytes(data)


if __name__ == "__main__":
    write_fixtures()
