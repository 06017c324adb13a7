"""Time to make the annual execution report of the 300-activity plan with 5,000 reports, Word and PDF.

The data set is `bench/execution.py`'s (the federal set of `bench/plan_pages.py` plus 200,000 reports,
5,000 of them on the 300-activity plan), built by those scripts' own functions in a throwaway SQLite
database. Each document is made five times, as the download view makes it (selector, then renderer);
the script prints the median and the worst time, the median SQL query count and the peak memory the
process reached. Target: ≤ 5 s for the annual report.

    .venv/bin/python bench/report_speed.py
"""

from __future__ import annotations

import datetime as dt
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

TARGET_S = 5.0
RUNS = 5
TODAY = dt.date(2028, 1, 20)  # the 2027 plan's year is over: the annual report is being written


def worker() -> None:
    import django

    django.setup()
    import execution
    import plan_pages
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from muniplan.plans.models import Plan
    from muniplan.reports import pdf, word
    from muniplan.reports.periods import report_period
    from muniplan.reports.selectors import plan_report

    call_command("migrate", verbosity=0, interactive=False)
    ids = plan_pages.generate()
    counts = execution.add_reports(ids)
    plan = Plan.objects.select_related("organization").get(pk=ids["big_plan"])
    print(
        f"data: {ids['activities']} activities, {counts['reports']} reports "
        f"({counts['big_plan_reports']} on the {plan.activities.count()}-activity plan)"
    )
    print(f"{'document':24} {'median s':>9} {'max s':>7} {'queries':>8} {'KB':>6}  target")
    for label, render in (
        ("annual report, Word", word.plan_report_docx),
        ("annual report, PDF", pdf.plan_report_pdf),
    ):
        times, queries, size = [], [], 0
        for _ in range(RUNS):
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as captured:
                data = render(
                    plan_report(plan, period=report_period(plan.year, "year"), today=TODAY)
                )
            times.append(time.perf_counter() - started)
            queries.append(len(captured))
            size = len(data)
        median = statistics.median(times)
        print(
            f"{label:24} {median:9.2f} {max(times):7.2f} {statistics.median(queries):8.0f} {size / 1024:6.0f}  "
            f"≤{TARGET_S:.0f} s {'ok' if median <= TARGET_S else 'MISSED'}"
        )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"peak memory of the process (data set included): {peak:.0f} MB; load average {os.getloadavg()[0]:.1f}"
    )


def main() -> None:
    if "--worker" in sys.argv:
        worker()
        return
    with tempfile.TemporaryDirectory(prefix="muniplan-bench-") as tmp:
        (Path(tmp) / "static").mkdir()
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{Path(tmp) / 'bench.sqlite3'}",
            "MUNIPLAN_VAR_DIR": tmp,
            "MUNIPLAN_DEBUG": "",
            "DJANGO_SETTINGS_MODULE": "muniplan.settings",
        }
        sys.exit(
            subprocess.run([sys.executable, __file__, "--worker"], env=env, cwd=ROOT).returncode
        )


if __name__ == "__main__":
    main()
