"""Server time and SQL query count of the execution pages on the federal data set with reports.

The data set is `bench/plan_pages.py`'s (85 organizations × 3 years × 60 activities, plus one
300-activity plan for 2027), built by its own `generate()`, plus, in bulk inserts: 5,000 execution
reports on the 300-activity plan and 195,000 on the other plans (200,000 in all), dated inside each
plan's year, a quarter of them with quota deliveries, and a status override on one activity in fifty.
The clock is set to 15 June 2027 (time-machine), so the 2027 plan is half-way through its year and the
2026 plans are over. Measured with Django's test client, as `plan_pages.py` measures: the
organization's dashboard (2027, the 300-activity plan), the federal dashboard over 85 organizations
(2026), the plan page, month grid and calendar of the 300-activity plan with statuses, and an
activity page with its reports. Targets: organization dashboard ≤ 200 ms median, federal ≤ 500 ms,
plan page and grid ≤ 150 ms.

    .venv/bin/python bench/execution.py [--db sqlite|pg] [--requests 20]

PostgreSQL: `BENCH_PG_URL` (default `postgres://postgres@127.0.0.1:5432/muniplan_h6e`); that database
is dropped and created afresh for the run, and dropped after it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import plan_pages  # noqa: E402 — the federal data set and the measuring loop are that script's

DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:5432/muniplan_h6e"
BIG_PLAN_REPORTS = 5_000
ALL_REPORTS = 200_000
CLOCK = dt.datetime(2027, 6, 15, 9, 0, tzinfo=dt.UTC)
TARGETS = {
    "organization dashboard": 200,
    "federal dashboard": 500,
    "plan page (300)": 150,
    "month grid (300)": 150,
}
ITEMS = ("новость", "статья", "материал", "бюллетень")
TEXT = "Проведено заседание; опубликованы материалы на сайте Совета."


def add_reports(ids: dict) -> dict:
    """Bulk-insert the reports, their deliveries and some overrides; return the counts."""
    from django.db import transaction

    from muniplan.execution.models import ExecutionReport, QuotaDelivery, Status, StatusOverride
    from muniplan.lib.search import search_key
    from muniplan.plans.models import Activity

    rng = random.Random(2027)
    activities = list(
        Activity.objects.values_list("pk", "plan_id", "plan__year", "plan__organization_id")
    )
    big = [a for a in activities if a[1] == ids["big_plan"]]
    rest = [a for a in activities if a[1] != ids["big_plan"]]
    picks = [rng.choice(big) for _ in range(BIG_PLAN_REPORTS)] + [
        rng.choice(rest) for _ in range(ALL_REPORTS - BIG_PLAN_REPORTS)
    ]
    with transaction.atomic():
        reports = ExecutionReport.objects.bulk_create(
            [
                ExecutionReport(
                    activity_id=pk,
                    plan_id=plan_id,
                    organization_id=org_id,
                    done_on=dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365)),
                    text=TEXT,
                    search_text=search_key(TEXT),
                )
                for pk, plan_id, year, org_id in picks
            ],
            batch_size=5000,
        )
        deliveries = QuotaDelivery.objects.bulk_create(
            [
                QuotaDelivery(report_id=r.pk, item=rng.choice(ITEMS), count=rng.randint(1, 5))
                for r in reports
                if rng.random() < 0.25
            ],
            batch_size=5000,
        )
        overrides = StatusOverride.objects.bulk_create(
            [
                _override(rng, pk, StatusOverride, Status)
                for pk, *_ in activities
                if rng.random() < 0.02
            ],
            batch_size=5000,
        )
    return {
        "reports": len(reports),
        "deliveries": len(deliveries),
        "overrides": len(overrides),
        "big_plan_reports": BIG_PLAN_REPORTS,
    }


def _override(rng: random.Random, pk: int, model, status):
    new = rng.choice((status.CANCELLED, status.MOVED, status.DONE))
    return model(
        activity_id=pk,
        old=status.OVERDUE,
        new=new,
        reason="Решение Президиума",
        moved_to_month=rng.choice((None, 9, 11)) if new == status.MOVED else None,
    )


def _pages(ids: dict) -> list[tuple[str, str, str, str]]:
    from django.db.models import Count
    from django.urls import reverse

    from muniplan.plans.models import Activity, Plan

    big = ids["big_plan"]
    busiest = (
        Activity.objects.filter(plan_id=big).annotate(n=Count("reports")).order_by("-n").first()
    )
    org = Plan.objects.get(pk=big).organization_id
    return [
        (
            "organization dashboard",
            f"{reverse('execution-dashboard')}?org={org}&year=2027",
            "org_admin",
            "<li><a href=",
        ),
        (
            "federal dashboard",
            f"{reverse('execution-federal')}?year=2026",
            "federal_admin",
            '<tr class="organization"',
        ),
        ("plan page (300)", reverse("plans-detail", args=[big]), "org_admin", '<tr id="a'),
        ("month grid (300)", reverse("plans-grid", args=[big]), "org_admin", '<tr class="activity'),
        ("calendar (300)", reverse("plans-timeline", args=[big]), "org_admin", "<li><a href="),
        (
            f"activity page ({busiest.n} rep.)",
            reverse("plans-activity-detail", args=[busiest.pk]),
            "org_admin",
            '<tr class="report"',
        ),
    ]


def worker(db: str, requests: int) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "muniplan.settings")
    django.setup()
    import time_machine
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0, interactive=False)
    started = time.perf_counter()
    ids = plan_pages.generate()
    counts = add_reports(ids)
    generated = time.perf_counter() - started
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(
        f"\n== {db}: {connection.vendor} — data {generated:.1f} s: {ids['plans']} plans, {ids['activities']} "
        f"activities, {counts['reports']} reports ({counts['big_plan_reports']} on the 300-activity plan), "
        f"{counts['deliveries']} quota deliveries, {counts['overrides']} status overrides; clock {CLOCK:%d.%m.%Y}"
    )
    load = os.getloadavg()[0]
    print(f"load average {load:.1f} on {os.cpu_count()} CPUs")
    print(
        f"{'page':30} {'median ms':>10} {'p90 ms':>8} {'cpu ms':>7} {'queries':>8} {'rows':>5} {'KB':>6}  target"
    )
    with time_machine.travel(CLOCK, tick=True):
        clients = {
            "org_admin": plan_pages._client(ids["org_admin"]),
            "federal_admin": plan_pages._client(ids["federal_admin"]),
        }
        for label, url, who, row in _pages(ids):
            r = plan_pages.measure(clients[who], url, row, requests)
            target = TARGETS.get(label)
            verdict = (
                f"≤{target} ms " + ("ok" if r["median"] <= target else "MISSED") if target else ""
            )
            print(
                f"{label:30} {r['median']:10.1f} {r['p90']:8.1f} {r['cpu']:7.1f} {r['queries']:8} {r['rows']:5} "
                f"{r['kb']:6.0f}  {verdict}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--db", choices=("sqlite", "pg"), action="append", help="only this database (repeatable)"
    )
    parser.add_argument("--requests", type=int, default=20, help="timed requests per page")
    parser.add_argument("--worker", choices=("sqlite", "pg"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.requests)
        return
    started = time.perf_counter()
    failed = 0
    for db in args.db or ["sqlite", "pg"]:
        if db == "sqlite":
            failed |= plan_pages.run_sqlite(args, script=__file__)
        else:  # this engineer's own database, so no «bench» in its name is asked for
            failed |= plan_pages.run_pg(
                args, script=__file__, default_url=DEFAULT_PG_URL, guard_name=False
            )
    print(f"\ntotal {time.perf_counter() - started:.0f} s")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
