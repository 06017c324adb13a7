"""How fast and how big the export of a long plan is: Word, Excel, PDF and iCalendar.

Loads the generated 2,000-activity plan of `bench/import_speed.py` into a throwaway SQLite
database (through the importer's service), then exports it in a fresh subprocess per format —
once timed, once under tracemalloc for the peak of Python allocations — and prints the
figures: wall time, CPU time (the process and its children: a long PDF's second half is laid
out in a child process) and peak memory. Targets (for the reader to judge): Word ≤ 3 s, Excel ≤ 2 s, PDF ≤ 10 s, iCalendar ≤ 1 s.

    .venv/bin/python bench/export_speed.py [--activities 2000] [--layout tyumen|tula|smolensk] [--formats docx,pdf]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
FORMATS = ("docx", "xlsx", "pdf", "ics")


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "muniplan.settings")
    import django

    django.setup()


def setup(activities: int) -> int:
    _django()
    from django.core.management import call_command

    from bench.import_speed import synthetic_plan
    from muniplan.accounts.models import Organization
    from muniplan.periods.parser import parse_period
    from muniplan.plans.drafts import plan_create_from_draft
    from muniplan.transfer.serialization import plan_from_json

    call_command("migrate", verbosity=0, interactive=False)
    draft = plan_from_json(synthetic_plan(activities))
    for section in draft.sections:  # the generator leaves months to the reader: read the periods
        for activity in section.activities:
            activity.period = parse_period(activity.period.text, year=draft.year)
    organization = Organization.objects.create(name=draft.organization)
    return plan_create_from_draft(organization=organization, draft=draft, by=None).pk


def worker(plan_id: int, fmt: str, layout: str, trace: bool) -> None:
    _django()
    import tracemalloc

    from muniplan.documents.export import export_plan
    from muniplan.plans.models import Plan

    plan = Plan.objects.select_related("organization").get(pk=plan_id)
    if trace:
        tracemalloc.start()
    import resource

    def cpu() -> float:  # this process and the child processes it waited for (a PDF's second half)
        own, children = (
            resource.getrusage(resource.RUSAGE_SELF),
            resource.getrusage(resource.RUSAGE_CHILDREN),
        )
        return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime

    started, cpu_started = time.perf_counter(), cpu()
    exported = export_plan(plan, fmt, layout=layout)
    seconds, cpu_seconds = time.perf_counter() - started, cpu() - cpu_started
    peak = tracemalloc.get_traced_memory()[1] if trace else 0

    print(
        json.dumps(
            {
                "seconds": seconds,
                "cpu": cpu_seconds,
                "bytes": len(exported.data),
                "traced_mb": peak / 2**20,
                "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            }
        )
    )


def _run(env: dict, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, __file__, *args],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env=env,
    )
    return done.stdout.strip().splitlines()[-1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--activities", type=int, default=2000)
    parser.add_argument("--layout", default="tyumen")
    parser.add_argument(
        "--formats", default=",".join(FORMATS), help="comma-separated, e.g. docx,xlsx"
    )
    parser.add_argument("--setup", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--worker", nargs=2, metavar=("PLAN", "FORMAT"), help=argparse.SUPPRESS)
    parser.add_argument("--trace", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.setup:
        print(setup(args.setup))
        return
    if args.worker:
        worker(int(args.worker[0]), args.worker[1], args.layout, args.trace)
        return
    with tempfile.TemporaryDirectory() as folder:
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{folder}/bench.sqlite3",
            "MUNIPLAN_VAR_DIR": folder,
            "MUNIPLAN_MEDIA_ROOT": f"{folder}/media",
        }
        started = time.perf_counter()
        plan_id = _run(env, "--setup", str(args.activities))
        print(
            f"{args.activities} activities loaded in {time.perf_counter() - started:.1f} s; layout {args.layout}",
            flush=True,
        )
        print(
            f"{'format':8} {'seconds':>8} {'CPU, s':>7} {'size, KB':>9} {'peak RSS, MB':>13} "
            f"{'peak Python, MB':>16}  (load average {os.getloadavg()[0]:.1f})"
        )
        for fmt in args.formats.split(","):
            timed = json.loads(_run(env, "--worker", plan_id, fmt, "--layout", args.layout))
            traced = json.loads(
                _run(env, "--worker", plan_id, fmt, "--layout", args.layout, "--trace")
            )
            print(
                f"{fmt:8} {timed['seconds']:8.2f} {timed['cpu']:7.2f} {timed['bytes'] / 1024:9.0f} "
                f"{timed['maxrss_mb']:13.0f} "
                f"{traced['traced_mb']:16.1f}",
                flush=True,
            )


if __name__ == "__main__":
    main()
