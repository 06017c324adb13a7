"""How fast and how big the import of a long plan is, in Word and in PDF.

Generates a 2,000-activity plan (20 sections, multi-paragraph cells) as a Word table
(`renditions.plan_docx`) and as a PDF (`pdf_renditions.plan_pdf`, WeasyPrint), then reads each
in a fresh subprocess — with the product's dispatcher `read_document`, and, for comparison,
by merely opening the file and walking its cells with the bare library. Prints figures only;
the targets (Word ≤ 3 s, PDF ≤ 6 s, peak ≤ 300 MB) are for the reader to judge.

    .venv/bin/python bench/import_speed.py [--activities 2000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PERIODS = ("Январь-апрель\nСентябрь-декабрь", "ежеквартально", "II полугодие", "март", "весь год")


def synthetic_plan(activities: int, sections: int = 20) -> dict:
    """A council plan (Tyumen layout) with the wordiness of the real ones, numbered 1, 2, …
    straight through its sections as a long plan is, so past 999 for 1,000 activities or more."""
    per_section = activities // sections
    return {
        "kind": "plan",
        "title": "ПЛАН реализации приоритетных направлений деятельности Совета муниципальных "
        "образований Тестовой области на 2026 год",
        "organization": "Совет муниципальных образований Тестовой области",
        "year": 2026,
        "warnings": [],
        "sections": [
            {
                "title": f"РАЗДЕЛ {s + 1}: ВЗАИМОДЕЙСТВИЕ С ОРГАНАМИ ВЛАСТИ",
                "activities": [_activity(s * per_section + i + 1) for i in range(per_section)],
            }
            for s in range(sections)
        ],
    }


def _activity(number: int) -> dict:
    return {
        "number": str(number),
        "title": f"Участие представителей муниципальных образований в мероприятии № {number} "
        "по вопросам местного самоуправления",
        "description": "Направление делегации. Рассылка приглашений участникам.\n"
        "При необходимости – личное участие представителя Совета.",
        "period": {
            "text": PERIODS[number % len(PERIODS)],
            "months": [],
            "frequency": None,
            "condition": None,
            "dates": [],
            "needs_review": False,
        },
        "responsible": ["Аппарат Совета"],
        "funding": "п.п. 2.1 Сметы на 2026 год" if number % 3 == 0 else None,
        "participants": [],
        "partners": [],
        "location": None,
        "needs_review": [],
        "children": [],
    }


def generate(directory: Path, activities: int) -> dict[str, Path]:
    from muniplan.readers.tests.pdf_renditions import plan_pdf
    from muniplan.readers.tests.renditions import plan_docx

    plan = synthetic_plan(activities)
    paths = {"docx": directory / "plan.docx", "pdf": directory / "plan.pdf"}
    started = time.perf_counter()
    paths["docx"].write_bytes(plan_docx(plan))
    print(f"Word generated in {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    paths["pdf"].write_bytes(plan_pdf(plan))
    print(f"PDF generated in {time.perf_counter() - started:.1f} s")
    return paths


# --- measured in a subprocess, so that each figure starts from an empty interpreter ---------


def _product(path: Path) -> int:
    from muniplan.readers import read_document

    plan = read_document(path.name, path.read_bytes())
    return sum(1 + len(a.children) for s in plan.sections for a in s.activities)


def _bare_docx(path: Path) -> int:
    from docx import Document

    cells = 0
    for table in Document(str(path)).tables:
        for row in table.rows:
            for cell in row.cells:
                cells += bool(cell.text)
    return cells


def _bare_pdf(path: Path) -> int:
    import pdfplumber

    cells = 0
    with pdfplumber.open(str(path)) as pdf:
        for page in pdf.pages:
            for table in page.extract_tables():
                cells += sum(bool(c) for row in table for c in row)
            page.close()
    return cells


def _pages(path: Path) -> int:
    if path.suffix == ".pdf":
        import pdfplumber

        with pdfplumber.open(str(path)) as pdf:
            return len(pdf.pages)
    return 0


def _peak_rss_mb() -> float:
    """VmHWM, the resident high-water mark of this process image. Not ru_maxrss: Linux keeps
    that across exec, so a worker started by a parent that rendered the PDF would report the
    parent's peak."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def worker(mode: str, path: Path, trace: bool) -> None:
    import tracemalloc

    run = {"product": _product, "bare": _bare_docx if path.suffix == ".docx" else _bare_pdf}[mode]
    if trace:
        tracemalloc.start()
    started = time.perf_counter()
    count = run(path)
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1] if trace else 0
    print(
        json.dumps(
            {
                "seconds": seconds,
                "count": count,
                "traced_mb": peak / 2**20,
                "maxrss_mb": _peak_rss_mb(),
            }
        )
    )


def measure(mode: str, path: Path, trace: bool = False) -> dict:
    command = [sys.executable, __file__, "--worker", mode, str(path)]
    if trace:
        command.append("--trace")
    done = subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--activities", type=int, default=2000)
    parser.add_argument("--keep", type=Path, help="keep the generated files in this folder")
    parser.add_argument("--worker", nargs=2, metavar=("MODE", "PATH"), help=argparse.SUPPRESS)
    parser.add_argument("--trace", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker[0], Path(args.worker[1]), args.trace)
        return
    with tempfile.TemporaryDirectory() as tmp:
        directory = args.keep or Path(tmp)
        directory.mkdir(parents=True, exist_ok=True)
        report(generate(directory, args.activities), args.activities)


def report(paths: dict[str, Path], activities: int) -> None:
    targets = {"docx": 3.0, "pdf": 6.0}
    print(
        f"\n{activities} activities; PDF pages: {_pages(paths['pdf'])}; "
        f"sizes: Word {paths['docx'].stat().st_size / 2**20:.1f} MB, "
        f"PDF {paths['pdf'].stat().st_size / 2**20:.1f} MB"
    )
    print(
        f"{'file':6} {'reader':8} {'time, s':>8} {'target':>7} {'peak RSS, MB':>12} "
        f"{'traced peak, MB':>16} {'items':>7}"
    )
    for kind, path in paths.items():
        bare = measure("bare", path)
        product = measure("product", path)
        traced = measure("product", path, trace=True)
        for name, figures in (("bare", bare), ("product", product)):
            target = f"{targets[kind]:.0f}" if name == "product" else ""
            peak = f"{traced['traced_mb']:.0f}" if name == "product" else ""
            print(
                f"{kind:6} {name:8} {figures['seconds']:8.2f} {target:>7} "
                f"{figures['maxrss_mb']:12.0f} {peak:>16} {figures['count']:7}"
            )
        print(f"{kind:6} ratio product / bare: {product['seconds'] / bare['seconds']:.2f}")


if __name__ == "__main__":
    main()
