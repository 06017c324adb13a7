"""Per-field accuracy of the import against the hand-written gold, for every plan seed.

Each gold plan is read three ways through the product's dispatcher `read_document`: the seed
text as the user sent it, a Word rendition (`renditions.plan_docx`) and a PDF rendition
(`pdf_renditions.plan_pdf`). Prints, per plan and way, the share of matching fields and the
fields that differ most often. Resolutions are not plans and are left out.

    .venv/bin/python bench/import_accuracy.py [-v]   (-v lists every mismatch)
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def renditions(name: str, gold: dict) -> dict[str, tuple[str, bytes]]:
    from muniplan.readers.tests.gold import SEEDS_DIR
    from muniplan.readers.tests.pdf_renditions import plan_pdf
    from muniplan.readers.tests.renditions import plan_docx

    seed = next(SEEDS_DIR.glob(f"{name}__*.txt"))
    return {
        "text": (seed.name, seed.read_bytes()),
        "docx": (f"{name}.docx", plan_docx(gold)),
        "pdf": (f"{name}.pdf", plan_pdf(gold)),
    }


def read(filename: str, data: bytes) -> tuple[dict | None, str]:
    from muniplan.readers import read_document
    from muniplan.readers.draft import ReadError

    try:
        return read_document(filename, data).to_json(), ""
    except ReadError as error:
        return None, str(error)


def main() -> None:
    from muniplan.readers.tests.gold import GOLD_DIR, accuracy, field_results, load_gold

    parser = argparse.ArgumentParser()
    parser.add_argument("-v", "--verbose", action="store_true")
    verbose = parser.parse_args().verbose
    print(f"{'plan':16} {'way':5} {'fields':>11} {'accuracy':>9}  most frequent differences")
    totals = Counter()
    for path in sorted(GOLD_DIR.glob("*.json")):
        gold = load_gold(path.stem)
        if gold.get("kind") != "plan":
            continue
        for way, (filename, data) in renditions(path.stem, gold).items():
            got, error = read(filename, data)
            if got is None:
                print(f"{path.stem:16} {way:5} {'—':>11} {'0.0%':>9}  ошибка чтения: {error}")
                continue
            matched, compared = accuracy(got, gold)
            totals.update({"matched": matched, "compared": compared})
            wrong = [(where, f) for where, f, exp, act in field_results(got, gold) if exp != act]
            common = ", ".join(f"{f}×{n}" for f, n in Counter(f for _, f in wrong).most_common(4))
            print(
                f"{path.stem:16} {way:5} {matched:5}/{compared:<5} "
                f"{100 * matched / compared:8.1f}%  {common}"
            )
            if verbose:
                for where, field in wrong:
                    print(f"{'':23}{where}: {field}")
    if totals["compared"]:
        print(
            f"{'all':22} {totals['matched']:5}/{totals['compared']:<5} "
            f"{100 * totals['matched'] / totals['compared']:8.1f}%"
        )


if __name__ == "__main__":
    main()
