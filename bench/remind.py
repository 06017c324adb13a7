"""`muniplan remind` for all organizations on the federal data set of `bench/plan_pages.py`.

Builds that data set (85 organizations × 3 years × 60 activities plus one 300-activity plan), then
adds `bench/execution.py`'s 200,000 execution reports (5,000 of them on the 300-activity plan) and
status overrides, 20 items under control per
organization (deadlines spread over the year) and an e-mail address for every person. Then runs the
command as of 15 May of the current plan year with the immediate task backend and Django's in-memory
mail backend, so the figure is the whole work — choosing the people, building every digest, rendering
and "sending" every letter — not just enqueueing. Prints the time, the SQL query count and the letters.
Target: ≤ 30 s.

    .venv/bin/python bench/remind.py [--db sqlite|pg]
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
sys.path.insert(0, str(ROOT / "bench"))

import execution  # noqa: E402 — its 200,000 reports (5,000 on the 300-activity plan) and status overrides
import plan_pages  # noqa: E402 — the data set's builder and the per-database driver

TARGET_S = 30
ITEMS_PER_ORGANIZATION = 20
AS_OF = dt.date(plan_pages.YEARS[-1], 5, 15)


def add_items_and_emails() -> dict:
    from django.contrib.auth.models import User
    from django.db import transaction

    from muniplan.accounts.models import Membership, Unit
    from muniplan.control.models import ControlItem

    rng = random.Random(6)
    with transaction.atomic():
        users = list(User.objects.all())
        for user in users:
            user.email = f"{user.username}@example.org"
        User.objects.bulk_update(users, ["email"], batch_size=1000)
        controllers = {
            m.organization_id: m.user_id
            for m in Membership.objects.filter(role=Membership.Role.ADMIN)
        }
        units: dict[int, list[int]] = {}
        for unit_id, organization_id in Unit.objects.values_list("pk", "organization_id"):
            units.setdefault(organization_id, []).append(unit_id)
        items = [
            ControlItem(
                organization_id=organization_id,
                text=f"Поручение № {k + 1} по резолюции съезда",
                executor_unit_id=rng.choice(unit_ids[:3]),
                controller_id=controllers[organization_id],
                deadline=AS_OF + dt.timedelta(days=rng.randrange(-60, 120)),
            )
            for organization_id, unit_ids in units.items()
            for k in range(ITEMS_PER_ORGANIZATION)
        ]
        ControlItem.objects.bulk_create(items, batch_size=2000)
    return {"items": len(items), "people": len(users)}


def worker(db: str) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "muniplan.settings")
    django.setup()
    from django.conf import settings
    from django.core import mail
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    call_command("migrate", verbosity=0, interactive=False)
    started = time.perf_counter()
    ids = plan_pages.generate()
    added = {**execution.add_reports(ids), **add_items_and_emails()}
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(
        f"\n== {db}: {connection.vendor} — data {time.perf_counter() - started:.1f} s: {ids['plans']} plans, "
        f"{ids['activities']} activities, {added['reports']} reports, {added['items']} items under control, "
        f"{added['people']} people"
    )

    settings.TASKS = {"default": {"BACKEND": settings.TASK_BACKENDS["immediate"]}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    started, started_cpu = time.perf_counter(), time.process_time()
    with CaptureQueriesContext(connection) as queries:
        call_command("remind", "--date", AS_OF.isoformat(), stdout=open(os.devnull, "w"))
    wall, cpu = time.perf_counter() - started, time.process_time() - started_cpu
    lines = sum(m.body.count("\n- ") for m in mail.outbox)
    by_table: dict[str, list[float]] = {}
    for query in queries.captured_queries:
        table = (
            query["sql"].split(" FROM ", 1)[-1].split()[0].strip('"')
            if " FROM " in query["sql"]
            else query["sql"][:20]
        )
        by_table.setdefault(table, []).append(float(query["time"]))
    slowest = sorted(by_table.items(), key=lambda kv: -sum(kv[1]))[:4]
    print("SQL time by table: " + "; ".join(f"{t} {len(v)} q {sum(v):.1f} s" for t, v in slowest))
    print(
        f"muniplan remind (all organizations, as of {AS_OF:%d.%m.%Y}): {wall:.1f} s wall, {cpu:.1f} s cpu, "
        f"{len(queries)} queries, {len(mail.outbox)} letters with {lines} lines — target ≤{TARGET_S} s "
        + ("ok" if wall <= TARGET_S else "MISSED")
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--db", choices=("sqlite", "pg"), action="append", help="only this database (repeatable)"
    )
    parser.add_argument("--worker", choices=("sqlite", "pg"), help=argparse.SUPPRESS)
    parser.add_argument(
        "--requests", type=int, default=0, help=argparse.SUPPRESS
    )  # passed by the driver
    args = parser.parse_args()
    if args.worker:
        worker(args.worker)
        return
    args.profile = None
    failed = 0
    for db in args.db or ["sqlite", "pg"]:
        failed |= (plan_pages.run_sqlite if db == "sqlite" else plan_pages.run_pg)(
            args, script=__file__
        )
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
