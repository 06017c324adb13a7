"""How fast and how big the import from the wild is: a 2,000-activity plan as a legacy .doc
(LibreOffice conversion included) and as box-drawing text; a batch of 85 plans of 60
activities read end to end (ZIP upload → documents kept → background reading → batch page);
OCR of one scanned A4 page; and issue 9's worst accepted .docx (body XML just under the limit
on the parts a reader parses). Each figure is measured in a fresh subprocess: wall time, CPU
time (the process and every child it waited for: LibreOffice, Tesseract), and peak memory, the
process's VmHWM plus the largest child process. The load average is printed with each line: the
machine is shared, and wall time under load says less than CPU time.

Targets (for the reader to judge): .doc ≤ 10 s, box text ≤ 2 s, batch ≤ 60 s, OCR ≤ 10 s,
worst .docx ≤ 15 s and ≤ 300 MB.

    .venv/bin/python bench/import_wild.py [--only doc,boxes,batch,ocr,worst]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def _peak_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _children_peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


# --- inputs ------------------------------------------------------------------------------


def make_inputs(directory: Path, only: set[str]) -> None:
    from import_speed import synthetic_plan

    from muniplan.readers.tests.renditions import plan_docx
    from muniplan.readers.tests.wild_renditions import plan_grid_text

    plan = synthetic_plan(2000)
    if "doc" in only:
        from muniplan.readers.tests.legacy_renditions import save_as

        # LibreOffice lays a 2,000-row table out page by page to save it: minutes, not seconds
        odt = save_as({"plan.docx": plan_docx(plan)}, ".odt", timeout=1200)
        (directory / "plan.doc").write_bytes(save_as(odt, ".doc", timeout=1200)["plan.doc"])
    if "boxes" in only:
        (directory / "plan.txt").write_text(plan_grid_text(plan, "box"), encoding="utf-8")
    if "batch" in only:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for n in range(85):
                archive.writestr(f"plan_{n:02d}.docx", plan_docx(synthetic_plan(60, sections=3)))
        (directory / "plans.zip").write_bytes(buffer.getvalue())
    if "ocr" in only:
        from muniplan.readers.tests.gold import load_gold
        from muniplan.readers.tests.test_ocr import scanned_first_page

        (directory / "scan.pdf").write_bytes(scanned_first_page(load_gold("tyumen_2026"))[0])
    if "worst" in only:
        (directory / "worst.docx").write_bytes(_worst_docx())


def _worst_docx() -> bytes:
    """The largest plan the guard accepts: table rows until the body is just under the limit
    (a plan's XML is about 1 KB per activity, measured on 2,000 and 6,000)."""
    from import_speed import synthetic_plan

    from muniplan.readers.intake.guard import MAX_PARSED_PART
    from muniplan.readers.tests.renditions import plan_docx

    activities = int(MAX_PARSED_PART * 0.97 / 1020)
    while True:
        data = plan_docx(synthetic_plan(activities))
        parsed = sum(
            i.file_size
            for i in zipfile.ZipFile(io.BytesIO(data)).infolist()
            if i.filename.startswith(("word/document.xml", "word/numbering.xml", "word/styles.xml"))
        )
        if parsed <= MAX_PARSED_PART:
            return data
        activities = int(activities * 0.95)


# --- measured in a subprocess ------------------------------------------------------------


def _read(path: Path) -> dict:
    from muniplan.readers import read_document

    draft = read_document(path.name, path.read_bytes())
    return {"activities": sum(len(s.activities) for s in draft.sections)}


def _batch(path: Path) -> dict:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "muniplan.settings")
    os.environ["MUNIPLAN_TASKS"] = "immediate"
    import django
    from django.conf import settings

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from muniplan.accounts.models import Organization
    from muniplan.transfer import batches

    organization = Organization.objects.create(name="Совет муниципальных образований Бенч-области")
    started = time.perf_counter()
    batch = batches.batch_create(
        organization=organization, files=[(path.name, path.read_bytes())], by=None
    )
    rows = batches.batch_rows(batch)
    seconds = time.perf_counter() - started
    assert settings.TASKS["default"]["BACKEND"].endswith("ImmediateBackend")
    return {
        "seconds_inner": seconds,
        "documents": len(rows),
        "activities": sum(r.activities for r in rows),
        "failed": sum(1 for r in rows if r.error),
    }


def _cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def worker(mode: str, path: Path) -> None:
    started, cpu = time.perf_counter(), _cpu_seconds()
    result = (_batch if mode == "batch" else _read)(path)
    result.update(
        seconds=time.perf_counter() - started,
        cpu_seconds=_cpu_seconds() - cpu,
        maxrss_mb=_peak_rss_mb(),
        children_mb=_children_peak_mb(),
    )
    print(json.dumps(result))


def measure(mode: str, path: Path, env: dict | None = None) -> dict:
    done = subprocess.run(
        [sys.executable, __file__, "--worker", mode, str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
    )
    if done.returncode:
        raise SystemExit(done.stderr[-2000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


CASES = (
    ("doc", "plan.doc", "2,000 activities, .doc via LibreOffice", 10),
    ("boxes", "plan.txt", "2,000 activities, box-drawing text", 2),
    ("batch", "plans.zip", "batch: ZIP of 85 plans × 60 activities", 60),
    ("ocr", "scan.pdf", "OCR of one scanned A4 page (Tyumen seed)", 10),
    ("worst", "worst.docx", "worst accepted .docx (body XML under the limit)", 15),
)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", default="doc,boxes,batch,ocr,worst")
    parser.add_argument("--worker", nargs=2, metavar=("MODE", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker[0], Path(args.worker[1]))
        return
    only = set(args.only.split(","))
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        make_inputs(directory, only)
        print(
            f"{'case':50} {'time, s':>8} {'CPU, s':>7} {'target':>7} {'peak RSS, MB':>12} "
            f"{'child peak, MB':>14} {'load':>5}  result"
        )
        for mode, name, label, target in CASES:
            if mode not in only:
                continue
            env = (
                {
                    "DATABASE_URL": f"sqlite:///{directory / 'bench.sqlite3'}",
                    "MUNIPLAN_MEDIA_ROOT": str(directory / "media"),
                }
                if mode == "batch"
                else None
            )
            figures = measure("batch" if mode == "batch" else "read", directory / name, env)
            shown = ("seconds", "cpu_seconds", "maxrss_mb", "children_mb")
            extra = {k: v for k, v in figures.items() if k not in shown}
            print(
                f"{label:50} {figures['seconds']:8.2f} {figures['cpu_seconds']:7.2f} {target:7} "
                f"{figures['maxrss_mb']:12.0f} {figures['children_mb']:14.0f} "
                f"{os.getloadavg()[0]:5.2f}  {extra}"
            )


if __name__ == "__main__":
    main()
