"""MuniPlan's plan exports beside Redmine's issue exports, interleaved request by request.

The peer set-up is /work/shared/peers/redmine (reproduce.sh: Redmine 5.0 under puma on :3030 with
300 issues; side-by-side/build_muniplan.py: MuniPlan's bench data with a 300-activity plan). This
script adds the export rows to side-by-side/side_by_side.py's three page rows: Redmine's PDF, CSV
and Atom of the 300 issues against MuniPlan's PDF, Excel, Word and iCalendar of the 300-activity
plan. Each round requests every member once, the order reversed every other round; after the
warm-up it prints the median and 95th percentile of the wall time and the server CPU per request
(utime + stime of the listening processes and of their waited-for children, from /proc: a long
PDF's second half is laid out in a child process).

A plan of more than MUNIPLAN_EXPORT_BACKGROUND_PDF activities (100 by default) gets its PDF from a
background job: serve the interleaved rows with that setting raised so the PDF is made within the
request, and give `--job-port` a server with the defaults and `--worker-pid` its `db_worker` to
time the job path too (request → redirect → file ready → download).

    python3 bench/redmine_exports.py --ids IDS.json --sid SESSIONID_FILE --key API_KEY_FILE \
        [--port 8013] [--rounds 30] [--warmup 3] [--job-port 8014 --worker-pid PID --jobs 5] [--out X.json]
"""

from __future__ import annotations

import argparse
import json
import math
import re
import statistics
import subprocess
import time

import requests

REDMINE = "http://127.0.0.1:3030"
LIST = "set_filter=1&status_id=*&per_page=500&sort=id"


def listening_pids(port: int) -> list[int]:
    """Every process holding the listening socket: the master and its workers."""
    out = subprocess.run(
        ["ss", "-ltnpH", f"sport = :{port}"], capture_output=True, text=True, check=True
    ).stdout
    return sorted({int(x) for x in re.findall(r"pid=(\d+)", out)})


def cpu_ms(pids: list[int]) -> float:
    ticks = 0
    for pid in pids:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        ticks += sum(int(x) for x in fields[11:15])  # utime stime cutime cstime
    return ticks * 10.0  # USER_HZ = 100


def loadavg() -> str:
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[math.ceil(q * len(xs)) - 1]  # nearest rank


class Server:
    def __init__(self, name: str, base: str, session: requests.Session, pids: list[int]):
        self.name, self.base, self.session, self.pids = name, base, session, pids

    def get(self, path: str) -> tuple[float, float, int, str]:
        c0 = cpu_ms(self.pids)
        t0 = time.perf_counter()
        r = self.session.get(self.base + path, timeout=180, allow_redirects=False)
        body = r.content
        wall = (time.perf_counter() - t0) * 1000
        cpu = cpu_ms(self.pids) - c0
        if r.status_code != 200:
            raise SystemExit(
                f"{self.name} {path}: HTTP {r.status_code} {r.headers.get('Location')}"
            )
        return wall, cpu, len(body), r.headers.get("Content-Type", "")


def cases(plan: int, activity: int) -> list[tuple[str, list[tuple[str, str, str]]]]:
    export = f"/plans/{plan}/export/?format="
    return [
        (
            "1 list 300",
            [("R", "redmine issues per_page=500", f"/projects/plan2026/issues?{LIST}"),
             ("M", "muniplan plan page", f"/plans/{plan}/")],
        ),
        (
            "2 gantt/grid/timeline",
            [("R", "redmine gantt 2026 12m",
              "/projects/plan2026/issues/gantt?set_filter=1&status_id=*&months=12&year=2026&month=1&zoom=2"),
             ("M", "muniplan month grid", f"/plans/{plan}/grid/"),
             ("M", "muniplan timeline", f"/plans/{plan}/timeline/")],
        ),
        (
            "3 single",
            [("R", "redmine issue 150", "/issues/150"),
             ("M", f"muniplan activity {activity}", f"/activities/{activity}/")],
        ),
        (
            "4 csv/xlsx/docx",
            [("R", "redmine csv 300 all cols+desc",
              f"/projects/plan2026/issues.csv?{LIST}&c[]=all_inline&c[]=description&encoding=UTF-8"),
             ("M", "muniplan xlsx 300", export + "xlsx"),
             ("M", "muniplan docx 300", export + "docx")],
        ),
        (
            "5 pdf",
            [("R", "redmine pdf list 300", f"/projects/plan2026/issues.pdf?{LIST}"),
             ("M", "muniplan pdf 300 (in request)", export + "pdf")],
        ),
        (
            "6 atom/ics",
            [("R", "redmine atom issues", f"/projects/plan2026/issues.atom?{LIST}"),
             ("M", "muniplan ics 300", export + "ics")],
        ),
    ]  # fmt: skip


def interleaved(servers: dict[str, Server], name: str, members, rounds: int, warmup: int) -> list:
    la0 = loadavg()
    for _ in range(warmup):
        for which, _label, path in members:
            servers[which].get(path)
    samples: dict[str, list] = {label: [] for _, label, _ in members}
    for i in range(rounds):
        for which, label, path in members if i % 2 == 0 else list(reversed(members)):
            samples[label].append(servers[which].get(path))
    la1 = loadavg()
    print(f"== {name}   load start {la0}  end {la1}", flush=True)
    rows = []
    for which, label, path in members:
        walls = [s[0] for s in samples[label]]
        cpus = [s[1] for s in samples[label]]
        row = dict(
            case=name, sys=which, label=label, path=path, n=rounds,
            min=round(min(walls), 1), median=round(statistics.median(walls), 1),
            p95=round(pct(walls, 0.95), 1), max=round(max(walls), 1),
            cpu_ms_mean=round(statistics.mean(cpus), 1), cpu_ms_median=round(statistics.median(cpus), 1),
            bytes=samples[label][-1][2], ctype=samples[label][-1][3], load_start=la0, load_end=la1,
        )  # fmt: skip
        rows.append(row)
        print(
            f"  {which} {label:32s} median {row['median']:8.1f}  p95 {row['p95']:8.1f}  "
            f"min {row['min']:8.1f}  cpu/req {row['cpu_ms_mean']:7.1f} ms  {row['bytes'] / 1024:7.1f} KiB",
            flush=True,
        )
    return rows


def job_path(server: Server, worker: list[int], plan: int, jobs: int) -> list:
    """The default PDF path of a large plan: redirect to the job page, the worker makes the file,
    the client asks for the file every 0.25 s (the page itself polls every 2 s) and downloads it."""
    la0 = loadavg()
    rows = []
    for _ in range(jobs):
        c0, w0 = cpu_ms(server.pids), cpu_ms(worker)
        t0 = time.perf_counter()
        r = server.session.get(
            f"{server.base}/plans/{plan}/export/?format=pdf", allow_redirects=False, timeout=60
        )
        redirect_ms = (time.perf_counter() - t0) * 1000
        if r.status_code != 302:
            raise SystemExit(
                f"PDF export: expected a redirect to the job page, got {r.status_code}"
            )
        job = r.headers["Location"].rstrip("/")
        page = server.session.get(server.base + job + "/", timeout=60)
        while True:
            f = server.session.get(server.base + job + "/file/", timeout=60)
            if f.status_code == 200:
                break
            time.sleep(0.25)
        total_ms = (time.perf_counter() - t0) * 1000
        rows.append(
            dict(
                job=job, redirect_ms=round(redirect_ms, 1), job_page_bytes=len(page.content),
                total_ms=round(total_ms, 1), bytes=len(f.content),
                web_cpu_ms=cpu_ms(server.pids) - c0, worker_cpu_ms=cpu_ms(worker) - w0,
            )
        )  # fmt: skip
        print(f"  job {rows[-1]}", flush=True)
    print(f"== job path   load start {la0}  end {loadavg()}", flush=True)
    return rows


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--ids", required=True)
    ap.add_argument("--sid", required=True)
    ap.add_argument("--key", required=True)
    ap.add_argument("--port", type=int, default=8013)
    ap.add_argument("--rounds", type=int, default=30)
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--only", default="", help="comma-separated case numbers, e.g. 4,5")
    ap.add_argument("--job-port", type=int)
    ap.add_argument("--worker-pid", type=int)
    ap.add_argument("--jobs", type=int, default=5)
    ap.add_argument("--out")
    args = ap.parse_args()
    with open(args.ids) as f:
        ids = json.load(f)
    with open(args.key) as f:
        key = f.read().strip()
    with open(args.sid) as f:
        sid = f.read().strip()

    rm = requests.Session()
    rm.headers.update({"X-Redmine-API-Key": key, "Accept-Encoding": "identity"})

    def muniplan(port: int) -> Server:
        s = requests.Session()
        s.headers.update({"Accept-Encoding": "identity"})
        s.cookies.set("sessionid", sid, domain="127.0.0.1")
        return Server("M", f"http://127.0.0.1:{port}", s, listening_pids(port))

    servers = {"R": Server("R", REDMINE, rm, listening_pids(3030)), "M": muniplan(args.port)}
    only = {x for x in args.only.split(",") if x}
    results: dict = {"rows": [], "jobs": []}
    for name, members in cases(ids["big_plan"], ids["sample_activity"]):
        if not only or name.split()[0] in only:
            results["rows"] += interleaved(servers, name, members, args.rounds, args.warmup)
    if args.job_port:
        results["jobs"] = job_path(
            muniplan(args.job_port), [args.worker_pid], ids["big_plan"], args.jobs
        )
    if args.out:
        with open(args.out, "w") as f:
            json.dump(results, f, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
