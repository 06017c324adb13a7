"""Per-field accuracy of the readers against the hand-written gold, on every seed this
package reads and on every rendition of it.

    .venv/bin/python -m muniplan.readers.tests.accuracy
"""

from __future__ import annotations

from muniplan.readers import read_document
from muniplan.readers.tests.gold import SEEDS_DIR, accuracy, load_gold, mismatches
from muniplan.readers.tests.renditions import plan_csv, plan_docx, plan_xlsx, resolution_docx

SEEDS = {
    "tyumen_2026": "tyumen_2026__tab_text.txt",
    "smolensk_2022": "smolensk_2022__tab_html_text.txt",
    "smolensk_2021": "smolensk_2021__pdf_dump.txt",
    "tula_2024": "tula_2024__month_grid_text.txt",
    "smolensk_tos_congress_2020": "smolensk_tos_congress_2020__resolution.txt",
}


def cases():
    for gold_name, seed in SEEDS.items():
        gold = load_gold(gold_name)
        yield gold_name, "seed text", seed, (SEEDS_DIR / seed).read_bytes(), gold
        if gold["kind"] == "resolution":
            yield gold_name, "docx", "r.docx", resolution_docx(gold), gold
            continue
        yield gold_name, "docx", "plan.docx", plan_docx(gold), gold
        yield (
            gold_name,
            "docx, list numbering",
            "plan.docx",
            plan_docx(gold, list_numbering=True),
            gold,
        )
        yield gold_name, "xlsx", "plan.xlsx", plan_xlsx(gold), gold
        yield gold_name, "csv utf-8 ;", "plan.csv", plan_csv(gold), gold
        yield (
            gold_name,
            "csv cp1251 tab",
            "plan.csv",
            plan_csv(gold, encoding="cp1251", delimiter="\t"),
            gold,
        )


def main() -> None:
    for gold_name, rendition, filename, data, gold in cases():
        got = read_document(filename, data).to_json()
        right, total = accuracy(got, gold)
        print(f"{gold_name:28} {rendition:22} {right:4}/{total:<4} {100 * right / total:6.1f}%")
        for line in mismatches(got, gold):
            print("    ", line)


if __name__ == "__main__":
    main()
