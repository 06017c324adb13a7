"""Server time and SQL query count of the plan pages on a federal-scale data set.

Builds a throwaway database — SQLite in a temporary folder and PostgreSQL at `BENCH_PG_URL`
(default `postgres://postgres@127.0.0.1:5432/muniplan_bench`; the script creates and drops that
database itself, and skips PostgreSQL with a note when the server cannot be reached) — migrates it
and fills it with bulk inserts: 85 organizations × 3 years × 60 activities (45 top-level and 15
sub-activities, texts and periods taken from the gold readings in `muniplan/seeds/gold/`), plus one
draft plan of 300 activities (225 + 75) of the Tyumen council. Then requests the plan page (plain,
filtered by month and text, and of a 60-activity plan for comparison), the month grid and the
timeline as that council's administrator, and the plan list (all 256 plans) as a federal
administrator, with Django's test client: after 3 warm-up requests, the median and 90th percentile
of the server time over 20 requests, the median CPU time of the process (the figure to trust on a
busy machine) and the number of SQL queries; also the JSON API's activity list of both plans. Prints figures only; the targets (plan page ≤ 150 ms
median, ≤ 15 queries whatever the plan size) are marked for the reader.

    .venv/bin/python bench/plan_pages.py [--db sqlite|pg] [--requests 20] [--profile PAGE]

Each database is measured in a subprocess of its own (`--worker`), because Django reads
`DATABASE_URL` once, at `django.setup()`.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:5432/muniplan_bench"
YEARS = (2024, 2025, 2026)
SMALL_PLAN = 60  # activities per plan: 45 top-level + 15 sub-activities
BIG_PLAN = 300  # 225 top-level + 75 sub-activities
BIG_YEAR = 2027
TARGET_MS = 150
TARGET_QUERIES = 15
FILTER_TEXT = "муниципальн"

REGIONS = [
    "Алтайского края",
    "Амурской области",
    "Архангельской области",
    "Астраханской области",
    "Белгородской области",
    "Брянской области",
    "Владимирской области",
    "Волгоградской области",
    "Вологодской области",
    "Воронежской области",
    "Еврейской автономной области",
    "Забайкальского края",
    "Ивановской области",
    "Иркутской области",
    "Кабардино-Балкарской Республики",
    "Калининградской области",
    "Калужской области",
    "Камчатского края",
    "Карачаево-Черкесской Республики",
    "Кемеровской области – Кузбасса",
    "Кировской области",
    "Костромской области",
    "Краснодарского края",
    "Красноярского края",
    "Курганской области",
    "Курской области",
    "Ленинградской области",
    "Липецкой области",
    "Магаданской области",
    "Московской области",
    "Мурманской области",
    "Ненецкого автономного округа",
    "Нижегородской области",
    "Новгородской области",
    "Новосибирской области",
    "Омской области",
    "Оренбургской области",
    "Орловской области",
    "Пензенской области",
    "Пермского края",
    "Приморского края",
    "Псковской области",
    "Республики Адыгея",
    "Республики Алтай",
    "Республики Башкортостан",
    "Республики Бурятия",
    "Республики Дагестан",
    "Республики Ингушетия",
    "Республики Калмыкия",
    "Республики Карелия",
    "Республики Коми",
    "Республики Крым",
    "Республики Марий Эл",
    "Республики Мордовия",
    "Республики Саха (Якутия)",
    "Республики Северная Осетия – Алания",
    "Республики Татарстан",
    "Республики Тыва",
    "Республики Хакасия",
    "Ростовской области",
    "Рязанской области",
    "Самарской области",
    "Саратовской области",
    "Сахалинской области",
    "Свердловской области",
    "Смоленской области",
    "Ставропольского края",
    "Тамбовской области",
    "Тверской области",
    "Томской области",
    "Тульской области",
    "Удмуртской Республики",
    "Ульяновской области",
    "Хабаровского края",
    "Ханты-Мансийского автономного округа – Югры",
    "Челябинской области",
    "Чеченской Республики",
    "Чувашской Республики",
    "Чукотского автономного округа",
    "Ямало-Ненецкого автономного округа",
    "Ярославской области",
    "Тюменской области",
    "Севастополя",
    "Санкт-Петербурга",
    "Москвы",
]
UNITS = [
    ("Аппарат Совета", "staff"),
    ("Информационно-аналитический отдел", "staff"),
    ("Правовой отдел", "staff"),
    ("Президиум", "body"),
    ("Палата городских округов", "body"),
    ("Палата муниципальных районов", "body"),
    ("Палата сельских поселений", "body"),
]
FORMATS = ("очно", "ВКС", "очно / ВКС", "", "")


# --- the data set ----------------------------------------------------------------------------


def _gold() -> tuple[list[dict], list[str]]:
    """Activities (flattened, sub-activities included) and section titles of the gold plans."""
    activities, sections = [], []

    def walk(items):
        for item in items:
            activities.append(item)
            walk(item.get("children", []))

    for path in sorted((ROOT / "muniplan" / "seeds" / "gold").glob("*.json")):
        document = json.loads(path.read_text(encoding="utf-8"))
        if document.get("kind") != "plan":
            continue
        for section in document["sections"]:
            sections.append(section["title"])
            walk(section["activities"])
    return activities, sections


def generate(regions: list[str] = REGIONS) -> dict:
    """Fill the database with bulk inserts; return the ids the measurements need.

    Fewer `regions` (at least 4: the big plan is the fourth from the end's) make a smaller data set
    with the same 300-activity plan.
    """
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import User
    from django.db import transaction

    from muniplan.accounts.models import Membership, Organization, Unit
    from muniplan.lib.search import search_key
    from muniplan.periods.schedule import months_to_mask
    from muniplan.plans.models import Activity, Participation, Plan, Section

    rng = random.Random(2026)
    pool, section_titles = _gold()
    password = make_password("muniplan-bench")
    Through = Activity.responsible_units.through
    MembershipUnits = Membership.units.through

    with transaction.atomic():
        federal = Organization.objects.create(
            name="Всероссийская ассоциация развития местного самоуправления",
            short_name="ВАРМСУ",
            kind=Organization.Kind.FEDERAL,
        )
        organizations = Organization.objects.bulk_create(
            [
                Organization(
                    name=f"Совет муниципальных образований {region}",
                    region=region,
                    kind=Organization.Kind.COUNCIL,
                    parent=federal,
                )
                for region in regions
            ]
        )
        units = Unit.objects.bulk_create(
            [
                Unit(organization=o, name=name, kind=kind)
                for o in organizations
                for name, kind in UNITS
            ]
        )
        units_of = {o.pk: [u for u in units if u.organization_id == o.pk] for o in organizations}

        users = User.objects.bulk_create(
            [
                User(
                    username="varmsu-admin",
                    first_name="Федеральный администратор",
                    password=password,
                )
            ]
            + [
                User(username=f"org{i:02d}-{role}", first_name=role.capitalize(), password=password)
                for i in range(len(organizations))
                for role in ("admin", "editor", "viewer")
            ]
        )
        memberships = [Membership(user=users[0], organization=federal, role=Membership.Role.ADMIN)]
        for i, o in enumerate(organizations):
            for j, role in enumerate(("admin", "editor", "viewer")):
                memberships.append(Membership(user=users[1 + 3 * i + j], organization=o, role=role))
        memberships = Membership.objects.bulk_create(memberships)
        MembershipUnits.objects.bulk_create(
            [
                MembershipUnits(membership_id=m.pk, unit_id=units_of[m.organization_id][1].pk)
                for m in memberships
                if m.role == Membership.Role.EDITOR
            ]
        )

        plans = []
        for o in organizations:
            for year in YEARS:
                status = (
                    "archived" if year == YEARS[0] else "approved" if year == YEARS[1] else "draft"
                )
                approved = status != "draft"
                plans.append(
                    Plan(
                        organization=o,
                        year=year,
                        status=status,
                        title=f"ПЛАН работы {o.name} на {year} год",
                        approved_on=f"{year - 1}-12-15" if approved else None,
                        approval_decision=f"решение Президиума от 15.12.{year - 1} № 12"
                        if approved
                        else "",
                    )
                )
        big = Plan(
            organization=organizations[-4],
            year=BIG_YEAR,
            status="draft",
            title=f"ПЛАН реализации приоритетных направлений деятельности "
            f"{organizations[-4].name} на {BIG_YEAR} год",
        )
        plans = Plan.objects.bulk_create([*plans, big])
        big = plans[-1]

        sections = []
        for plan in plans:
            count = 12 if plan.pk == big.pk else 5
            start = rng.randrange(len(section_titles))
            sections += [
                Section(
                    plan=plan,
                    position=k + 1,
                    title=section_titles[(start + k) % len(section_titles)],
                )
                for k in range(count)
            ]
        sections = Section.objects.bulk_create(sections)
        sections_of: dict[int, list[Section]] = {}
        for s in sections:
            sections_of.setdefault(s.plan_id, []).append(s)

        def activity(plan, section, position, number, parent=None) -> Activity:
            item = rng.choice(pool)
            period = item.get("period") or {}
            frequency = period.get("frequency") or {}
            return Activity(
                plan=plan,
                section=section,
                parent=parent,
                position=position,
                number=number,
                title=item["title"],
                description=item.get("description") or "",
                location=item.get("location") or "",
                format=rng.choice(FORMATS),
                responsible_text=rng.choice(("", "", "", "Исполнительный директор Совета")),
                partners=list(item.get("partners") or []),
                funding_text=item.get("funding")
                or (
                    f"п.п. 2.{position % 9 + 1} Сметы на {plan.year} год"
                    if position % 4 == 0
                    else ""
                ),
                period_text=period.get("text") or "",
                months_mask=months_to_mask(period.get("months") or []),
                frequency_per=frequency.get("per", ""),
                frequency_min=frequency.get("min"),
                condition=period.get("condition") or "",
                dates=list(period.get("dates") or []),
                period_needs_review=bool(period.get("needs_review")),
                needs_review=list(item.get("needs_review") or []),
                search_text=search_key(
                    number,
                    item["title"],
                    item.get("description") or "",
                    period.get("text") or "",
                    *(item.get("partners") or []),
                ),
            ), item

        # Top-level activities first (their ids are the sub-activities' parents), then the children.
        tops, sources = [], []
        for plan in plans:
            size = BIG_PLAN if plan.pk == big.pk else SMALL_PLAN
            top_count = size * 3 // 4
            plan_sections = sections_of[plan.pk]
            for k in range(top_count):
                section = plan_sections[k * len(plan_sections) // top_count]
                a, item = activity(plan, section, k + 1, str(k + 1))
                tops.append(a)
                sources.append(item)
        tops = Activity.objects.bulk_create(tops, batch_size=2000)
        children = []
        by_plan: dict[int, list[Activity]] = {}
        for a in tops:
            by_plan.setdefault(a.plan_id, []).append(a)
        for plan in plans:
            size = BIG_PLAN if plan.pk == big.pk else SMALL_PLAN
            plan_tops = by_plan[plan.pk]
            for k in range(size - len(plan_tops)):
                parent = plan_tops[(3 * k + 2) % len(plan_tops)]
                a, item = activity(
                    plan,
                    parent.section,
                    1 + k // len(plan_tops),
                    f"{parent.number}.{1 + k // len(plan_tops)}",
                    parent=parent,
                )
                children.append(a)
                sources.append(item)
        children = Activity.objects.bulk_create(children, batch_size=2000)
        everything = [*tops, *children]

        links, participations = [], []
        for a, item in zip(everything, sources, strict=True):
            org_units = units_of[a.plan.organization_id]
            for unit in rng.sample(org_units[:3], rng.choice((1, 1, 2))):
                links.append(Through(activity_id=a.pk, unit_id=unit.pk))
            people = item.get("participants") or (
                [
                    {
                        "count": rng.choice((None, 25, 62, 120)),
                        "category": "главы муниципальных образований",
                    }
                ]
                if rng.random() < 0.3
                else []
            )
            participations += [
                Participation(
                    activity_id=a.pk, position=p, count=x.get("count"), category=x["category"]
                )
                for p, x in enumerate(people)
            ]
        Through.objects.bulk_create(links, batch_size=5000)
        Participation.objects.bulk_create(participations, batch_size=5000)

    small = next(
        p for p in plans if p.organization_id == big.organization_id and p.year == YEARS[-1]
    )
    return {
        "big_plan": big.pk,
        "small_plan": small.pk,
        "plans": len(plans),
        "activities": len(everything),
        "links": len(links),
        "participations": len(participations),
        "org_admin": users[1 + 3 * organizations.index(big.organization)].pk,
        "federal_admin": users[0].pk,
    }


# --- the measurements ------------------------------------------------------------------------


def _pages(ids: dict) -> list[tuple[str, str, str, str]]:
    """(label, URL, who asks, the HTML that starts one row of the page)."""
    from django.urls import reverse

    big, small = ids["big_plan"], ids["small_plan"]
    detail = reverse("plans-detail", args=[big])
    return [
        ("plan page (300)", detail, "org_admin", '<tr id="a'),
        ("plan page ?month=5&q=", f"{detail}?month=5&q={FILTER_TEXT}", "org_admin", '<tr id="a'),
        ("plan page (60)", reverse("plans-detail", args=[small]), "org_admin", '<tr id="a'),
        ("month grid (300)", reverse("plans-grid", args=[big]), "org_admin", '<tr class="activity'),
        ("timeline (300)", reverse("plans-timeline", args=[big]), "org_admin", 'data-activity="'),
        ("plan list (federal)", reverse("plans-list"), "federal_admin", "<td><a href="),
        (
            "API activities (300)",
            f"/api/v1/plans/{big}/activities?page_size=300",
            "org_admin",
            '"schedule"',
        ),
        (
            "API activities (60)",
            f"/api/v1/plans/{small}/activities?page_size=300",
            "org_admin",
            '"schedule"',
        ),
    ]


def _client(user_id: int):
    from django.contrib.auth.models import User
    from django.test import Client

    client = Client()
    client.force_login(User.objects.get(pk=user_id))
    return client


def measure(client, url: str, row: str, requests: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(3):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    times, cpu = [], []
    for _ in range(requests):
        started, started_cpu = time.perf_counter(), time.process_time()
        client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    html = response.content.decode()
    times.sort()
    return {
        "median": statistics.median(times),
        "cpu": statistics.median(cpu),
        "p90": times[min(len(times) - 1, int(0.9 * len(times)))],
        "queries": len(queries),
        "rows": html.count(row),
        "kb": len(response.content) / 1024,
    }


def profile(client, url: str) -> None:
    import cProfile
    import pstats

    client.get(url)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(5):
        client.get(url)
    profiler.disable()
    stats = pstats.Stats(profiler)
    stats.sort_stats("cumulative").print_stats(40)
    stats.sort_stats("tottime").print_stats(25)


def worker(db: str, requests: int, profile_page: str | None) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "muniplan.settings")
    django.setup()
    from django.core.management import call_command
    from django.db import connection

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    migrated = time.perf_counter() - started
    started = time.perf_counter()
    ids = generate()
    generated = time.perf_counter() - started
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(
        f"\n== {db}: {connection.vendor} {'.'.join(map(str, connection.Database.sqlite_version_info)) if connection.vendor == 'sqlite' else connection.pg_version}"
        f" — migrate {migrated:.1f} s; data {generated:.1f} s: {ids['plans']} plans, "
        f"{ids['activities']} activities, {ids['links']} responsible-unit links, "
        f"{ids['participations']} participations"
    )

    clients = {
        "org_admin": _client(ids["org_admin"]),
        "federal_admin": _client(ids["federal_admin"]),
    }
    pages = _pages(ids)
    if profile_page:
        label, url, who, _ = next(p for p in pages if p[0].startswith(profile_page))
        print(f"profile of {label} ({url})")
        profile(clients[who], url)
        return
    load = os.getloadavg()[0]
    print(
        f"load average {load:.1f} on {os.cpu_count()} CPUs"
        + (
            " — busy machine: wall times wait for the CPU; «cpu ms» is this process's own time"
            if load > (os.cpu_count() or 1) * 0.75
            else ""
        )
    )
    print(
        f"{'page':24} {'median ms':>10} {'p90 ms':>8} {'cpu ms':>7} {'queries':>8} {'rows':>5} {'KB':>6}  target"
    )
    results = {}
    for label, url, who, row in pages:
        r = results[label] = measure(clients[who], url, row, requests)
        target = []
        if label.startswith(("plan page", "API")):
            target.append(f"≤{TARGET_MS} ms " + ("ok" if r["median"] <= TARGET_MS else "MISSED"))
        target.append(
            f"≤{TARGET_QUERIES} q " + ("ok" if r["queries"] <= TARGET_QUERIES else "MISSED")
        )
        print(
            f"{label:24} {r['median']:10.1f} {r['p90']:8.1f} {r['cpu']:7.1f} {r['queries']:8} {r['rows']:5} "
            f"{r['kb']:6.0f}  {', '.join(target)}"
        )
    same = results["plan page (300)"]["queries"] == results["plan page (60)"]["queries"]
    same_api = (
        results["API activities (300)"]["queries"] == results["API activities (60)"]["queries"]
    )
    print(f"API queries constant (300 vs 60 activities): {'yes' if same_api else 'NO'}")
    print(
        f"queries constant (300- vs 60-activity plan page): {'yes' if same else 'NO'}"
        f" ({results['plan page (60)']['queries']} vs {results['plan page (300)']['queries']});"
        f" {requests} timed requests per page after 3 warm-up requests"
    )


# --- the driver: one subprocess per database -------------------------------------------------


def _run_worker(db: str, url: str, var_dir: str, args, script: str = __file__) -> int:
    (Path(var_dir) / "static").mkdir(exist_ok=True)  # WhiteNoise warns about a missing STATIC_ROOT
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "MUNIPLAN_VAR_DIR": var_dir,
        "MUNIPLAN_ALLOWED_HOSTS": "testserver",
        "MUNIPLAN_DEBUG": "",
        # production settings on PostgreSQL demand a key; the bench makes a throwaway one
        "MUNIPLAN_SECRET_KEY": os.environ.get("MUNIPLAN_SECRET_KEY") or secrets.token_urlsafe(50),
        "DJANGO_SETTINGS_MODULE": "muniplan.settings",
    }
    command = [sys.executable, script, "--worker", db, "--requests", str(args.requests)]
    if getattr(args, "profile", None):
        command += ["--profile", args.profile]
    return subprocess.run(command, env=env, cwd=ROOT).returncode


def run_sqlite(args, script: str = __file__) -> int:
    with tempfile.TemporaryDirectory(prefix="muniplan-bench-") as tmp:
        return _run_worker("sqlite", f"sqlite:///{Path(tmp) / 'bench.sqlite3'}", tmp, args, script)


def pg_admin(url: str, guard_name: bool = True):
    """An autocommit connection to the server of a bench database URL and that database's name, or
    (None, name) after printing why PostgreSQL is skipped: the database is dropped after a run, so
    its name must contain «bench»; an unreachable server is a note, not a failure."""
    from urllib.parse import urlsplit, urlunsplit

    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if guard_name and "bench" not in name:
        print(
            f"\n== pg: skipped — the database {name!r} of BENCH_PG_URL is dropped after the run; "
            "its name must contain «bench»"
        )
        return None, name
    try:
        return psycopg.connect(
            urlunsplit(parts._replace(path="/postgres")), autocommit=True, connect_timeout=3
        ), name
    except psycopg.Error as error:
        print(
            f"\n== pg: skipped — PostgreSQL at {parts.hostname}:{parts.port or 5432} is not reachable "
            f"({str(error).strip().splitlines()[0]})"
        )
        return None, name


def run_pg(
    args, script: str = __file__, default_url: str = DEFAULT_PG_URL, guard_name: bool = True
) -> int:
    from psycopg import sql

    url = os.environ.get("BENCH_PG_URL", default_url)
    admin, name = pg_admin(url, guard_name)
    if admin is None:
        return 0
    with admin, tempfile.TemporaryDirectory(prefix="muniplan-bench-") as tmp:
        admin.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        try:
            return _run_worker("pg", url, tmp, args, script)
        finally:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--db",
        choices=("sqlite", "pg"),
        action="append",
        help="measure only this database (repeatable); default both",
    )
    parser.add_argument("--requests", type=int, default=20, help="timed requests per page")
    parser.add_argument(
        "--profile",
        metavar="PAGE",
        help="instead of the table, print a cProfile of the page whose label starts so "
        "(e.g. 'plan page (300)', 'month grid', 'plan list')",
    )
    parser.add_argument("--worker", choices=("sqlite", "pg"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.requests, args.profile)
        return
    started = time.perf_counter()
    failed = 0
    for db in args.db or ["sqlite", "pg"]:
        failed |= (run_sqlite if db == "sqlite" else run_pg)(args)
    print(f"\ntotal {time.perf_counter() - started:.0f} s")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
