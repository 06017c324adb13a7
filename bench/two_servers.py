"""Two app servers behind nginx on PostgreSQL with Redis: load, one server killed, nothing lost.

Starts the production arrangement of `deploy/` on this machine, on loopback ports only: a fresh
PostgreSQL database, migrated and filled with `bench/plan_pages.py`'s federal data set (its plan
of 300 activities is the page under load; `--organizations 4` builds a small data set around the
same plan), a Redis of its own for the cache and the sessions, two gunicorn instances
(`deploy/gunicorn.conf.py`) sharing one media folder, and nginx (`deploy/nginx-site.conf`) in
front. Then, signed in as the plan's council administrator:

- CLIENTS keep-alive clients request the 300-activity plan page through nginx for SECONDS;
- meanwhile an editor adds activities, in turn through nginx and each app server directly (the
  first round starts with the load, so every path is used before the kill);
- halfway through, the second app server (master and workers) is killed with SIGKILL.

Prints requests per second and p95 before and after the kill, errors, requests per app server,
and the peak memory of each gunicorn worker. With `--check` it exits non-zero unless: no request
failed after the first WARMUP seconds, both servers served before the kill, every activity the
editor added is in the database and on the page afterwards, and the sessions are in Redis.
Everything it started is stopped and the database dropped at the end.

    .venv/bin/python bench/two_servers.py [--check] [--seconds 40] [--clients 8]

PostgreSQL: `TWO_SERVERS_PG_URL` (default `postgres://postgres@127.0.0.1:5432/muniplan_two_servers`;
the name must contain «two_servers»: it is dropped). Ports: nginx PORT (default 8180), app
servers PORT+1 and PORT+2, Redis PORT+3.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy"
BIN = Path(sys.executable).parent
DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:5432/muniplan_two_servers"
PASSWORD = "muniplan-bench"  # of every user plan_pages.generate() makes
WARMUP = 3.0
EDIT_PREFIX = "Добавлено при нагрузке через "
BUILD = """
import json, sys
sys.path.insert(0, "bench")
import django
django.setup()
import plan_pages
from django.contrib.auth.models import User
from muniplan.plans.models import Plan
ids = plan_pages.generate(plan_pages.REGIONS[-int(sys.argv[1]):])
plan = Plan.objects.get(pk=ids["big_plan"])
print(json.dumps({"plan": plan.pk, "section": plan.sections.order_by("position")[0].pk,
                  "username": User.objects.get(pk=ids["org_admin"]).username, "title": plan.title}))
"""
TITLES = """
import json, sys
import django
django.setup()
from muniplan.plans.models import Activity
print(json.dumps(list(Activity.objects.filter(title__startswith=sys.argv[1]).values_list("title", flat=True))))
"""


# --- HTTP as a signed-in person ---------------------------------------------------------------


class Visitor:
    """One keep-alive connection with cookies; enough of a browser for Django's login and forms."""

    def __init__(self, port: int, cookies: dict[str, str] | None = None):
        self.port = port
        self.cookies = dict(cookies or {})
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def request(self, method: str, path: str, form: dict | None = None) -> tuple[int, str, dict]:
        headers = {
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
            "Host": "127.0.0.1",
            "Connection": "keep-alive",
        }
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            text = response.read().decode("utf-8", "replace")
        except (OSError, http.client.HTTPException):
            self.connection.close()  # the next request opens a new connection
            raise
        for cookie in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = cookie.partition("=")
            self.cookies[name.strip()] = rest.split(";")[0]
        return response.status, text, dict(response.headers)

    def form_token(self, path: str) -> str:
        status, text, _ = self.request("GET", path)
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', text)
        if status != 200 or not match:
            raise RuntimeError(f"no form at :{self.port}{path} (status {status})")
        return match.group(1)

    def sign_in(self, username: str) -> None:
        token = self.form_token("/login/")
        status, _, headers = self.request(
            "POST",
            "/login/",
            {"csrfmiddlewaretoken": token, "username": username, "password": PASSWORD},
        )
        if status != 302 or "sessionid" not in self.cookies:
            raise RuntimeError(f"sign-in failed on :{self.port} (status {status})")


# --- the arrangement --------------------------------------------------------------------------


@dataclass
class Arrangement:
    folder: Path
    env: dict
    port: int
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)

    @property
    def app_ports(self) -> tuple[int, int]:
        return self.port + 1, self.port + 2

    def muniplan(self, *args: str, script: str | None = None) -> str:
        command = (
            [sys.executable, "-c", script, *args] if script else [str(BIN / "muniplan"), *args]
        )
        done = subprocess.run(command, env=self.env, cwd=ROOT, capture_output=True, text=True)
        if done.returncode:
            raise RuntimeError(f"{' '.join(command[:3])} failed:\n{done.stderr}")
        return done.stdout

    def start(self, name: str, command: list[str], **env: str) -> None:
        log = open(self.folder / "run" / f"{name}.log", "wb")
        # A session of its own: killing an app server kills its master and workers together.
        self.processes[name] = subprocess.Popen(
            command,
            env={**self.env, **env},
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def start_all(self) -> None:
        run = self.folder / "run"
        redis_port = self.port + 3
        self.start(
            "redis",
            [
                "redis-server",
                "--port",
                str(redis_port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(run),
            ],
        )
        for port in self.app_ports:
            self.start(
                f"app-{port}",
                [str(BIN / "gunicorn"), "-c", str(DEPLOY / "gunicorn.conf.py")],
                MUNIPLAN_BIND=f"127.0.0.1:{port}",
                MUNIPLAN_CONTROL_SOCKET=str(run / f"gunicorn-{port}.ctl"),
            )
        values = {
            "@LISTEN@": f"127.0.0.1:{self.port}",
            "@APP1@": str(self.app_ports[0]),
            "@APP2@": str(self.app_ports[1]),
            "@STATIC_ROOT@": str(self.folder / "var" / "static"),
            "@SERVER_NAME@": "127.0.0.1",
            "@ACCESS_LOG@": str(run / "nginx-access.log"),
            "@RUN@": str(run),
        }
        for source, target in (
            ("nginx-site.conf", "muniplan-site.conf"),
            ("nginx-standalone.conf", "nginx.conf"),
        ):
            text = (DEPLOY / source).read_text(encoding="utf-8")
            for placeholder, value in values.items():
                text = text.replace(placeholder, value)
            (run / target).write_text(text, encoding="utf-8")
        self.start(
            "nginx",
            [
                shutil.which("nginx") or "/usr/sbin/nginx",
                "-c",
                str(run / "nginx.conf"),
                "-p",
                str(run),
                "-e",
                str(run / "nginx-error.log"),
            ],
        )
        for port in (*self.app_ports, self.port):
            self.wait_until_serving(port)

    def wait_until_serving(self, port: int, seconds: float = 90) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            for name, process in self.processes.items():
                if process.poll() is not None:
                    log = (self.folder / "run" / f"{name}.log").read_text(errors="replace")[-2000:]
                    raise RuntimeError(f"{name} stopped (exit {process.returncode}):\n{log}")
            try:
                if Visitor(port).request("GET", "/login/")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"nothing answers on 127.0.0.1:{port}")

    def kill(self, name: str) -> None:
        process = self.processes[name]
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.wait(timeout=10)

    def stop_all(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                try:
                    os.killpg(process.pid, signal.SIGTERM)
                except ProcessLookupError:
                    continue
        for name, process in self.processes.items():
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill(name)

    def workers(self) -> list[int]:
        """Worker processes of the app servers still running (children of each gunicorn master)."""
        found = []
        for name, process in self.processes.items():
            if name.startswith("app-") and process.poll() is None:
                try:
                    found += [
                        int(p)
                        for p in Path(f"/proc/{process.pid}/task/{process.pid}/children")
                        .read_text()
                        .split()
                    ]
                except OSError:
                    pass
        return found


def _rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


# --- the run ----------------------------------------------------------------------------------


@dataclass
class Sample:
    started: float  # seconds since the load began
    seconds: float
    ok: bool
    error: str = ""


def load(
    arrangement: Arrangement,
    cookies: dict,
    plan: dict,
    clients: int,
    seconds: float,
    kill_at: float,
) -> tuple[list[Sample], list[str], list[str], dict[int, float], tuple[float, float]]:
    """Run the clients, the editor, the kill and the memory sampler; return what they saw."""
    samples: list[Sample] = []
    added: list[str] = []
    edit_errors: list[str] = []
    peak: dict[int, float] = {}
    path = f"/plans/{plan['plan']}/"
    begin = time.monotonic()
    stop = threading.Event()
    killed = threading.Event()
    editing = threading.Lock()
    first_round = threading.Event()
    number = 0

    def client() -> None:
        visitor = Visitor(arrangement.port, cookies)
        while not stop.is_set():
            started = time.monotonic()
            try:
                status, text, _ = visitor.request("GET", path)
                ok, error = status == 200 and plan["title"] in text, f"HTTP {status}"
            except (OSError, http.client.HTTPException) as exc:
                ok, error = False, f"{type(exc).__name__}: {exc}"
            samples.append(
                Sample(started - begin, time.monotonic() - started, ok, "" if ok else error)
            )

    def edit(port: int) -> None:
        nonlocal number
        number += 1
        title = f"{EDIT_PREFIX}:{port} № {number}"
        try:
            visitor = Visitor(port, cookies)
            create = f"/plans/{plan['plan']}/activities/new/"
            token = visitor.form_token(create)
            status, _, _ = visitor.request(
                "POST",
                create,
                {
                    "csrfmiddlewaretoken": token,
                    "section": plan["section"],
                    "title": title,
                    "period_text": "июнь",
                },
            )
        except (OSError, http.client.HTTPException, RuntimeError) as exc:
            edit_errors.append(f"{title}: {exc}")
            return
        (added if status == 302 else edit_errors).append(
            title if status == 302 else f"{title}: HTTP {status}"
        )

    def editor() -> None:
        while not stop.is_set():
            for port in (arrangement.port, *arrangement.app_ports):
                # The kill waits for an edit in flight: an edit sent straight to the server being
                # killed is not a request anyone would expect to survive.
                with editing:
                    if not (killed.is_set() and port == arrangement.app_ports[1]):
                        edit(port)
            first_round.set()
            stop.wait(1.0)

    def sampler() -> None:
        while not stop.is_set():
            for pid in arrangement.workers():
                peak[pid] = max(peak.get(pid, 0.0), _rss_mb(pid))
            stop.wait(0.5)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    threads += [threading.Thread(target=editor), threading.Thread(target=sampler)]
    for thread in threads:
        thread.start()
    time.sleep(kill_at)
    first_round.wait(timeout=120)  # every path has taken an edit while both servers ran
    with editing:
        killed.set()
        arrangement.kill(f"app-{arrangement.app_ports[1]}")
        killed_at = time.monotonic() - begin
    time.sleep(seconds - kill_at)
    stop.set()
    ended = time.monotonic() - begin
    for thread in threads:
        thread.join(timeout=120)
    return samples, added, edit_errors, peak, (killed_at, ended)


def _phase(samples: list[Sample], start: float, end: float) -> dict:
    inside = [s for s in samples if start <= s.started < end]
    times = sorted(s.seconds * 1000 for s in inside if s.ok)
    return {
        "requests": len(inside),
        "errors": sum(not s.ok for s in inside),
        "rps": len(inside) / max(end - start, 0.001),
        "p50": statistics.median(times) if times else 0.0,
        "p95": times[min(len(times) - 1, int(0.95 * len(times)))] if times else 0.0,
    }


def _per_upstream(access_log: Path) -> dict[str, int]:
    counts: dict[str, int] = {}
    for line in access_log.read_text(errors="replace").splitlines():
        match = re.search(r'"GET /plans/\d+/ HTTP[^"]*" \d+ \d+ upstream=(\S+)', line)
        if match:
            counts[match.group(1)] = counts.get(match.group(1), 0) + 1
    return counts


def run(args) -> bool:
    import psycopg
    from psycopg import sql

    url = os.environ.get("TWO_SERVERS_PG_URL", DEFAULT_PG_URL)
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if "two_servers" not in name:
        sys.exit(
            f"TWO_SERVERS_PG_URL: the database {name!r} is dropped after the run; its name must "
            "contain «two_servers»"
        )
    missing = [
        tool
        for tool in ("nginx", "redis-server")
        if not shutil.which(tool) and not Path(f"/usr/sbin/{tool}").exists()
    ]
    if missing or not (BIN / "gunicorn").exists():
        sys.exit(
            f"missing: {', '.join(missing or ['gunicorn'])} (deploy/ci-two-servers.sh installs them)"
        )
    started = time.monotonic()
    admin = psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True)
    drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
    folder = Path(tempfile.mkdtemp(prefix="muniplan-two-servers-"))
    # nginx workers (user nobody when started as root) read the static files and write temp files here.
    folder.chmod(0o755)
    (folder / "run").mkdir()
    (folder / "shared-media").mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("MUNIPLAN_")}
    env.update(
        DATABASE_URL=url,
        MUNIPLAN_VAR_DIR=str(folder / "var"),
        MUNIPLAN_MEDIA_ROOT=str(folder / "shared-media"),
        MUNIPLAN_SECRET_KEY=secrets.token_urlsafe(40),
        MUNIPLAN_ALLOWED_HOSTS="127.0.0.1,localhost",
        MUNIPLAN_REDIS_URL=f"redis://127.0.0.1:{args.port + 3}/0",
        DJANGO_SETTINGS_MODULE="muniplan.settings",
    )
    arrangement = Arrangement(folder, env, args.port)
    try:
        admin.execute(drop)
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        arrangement.muniplan("migrate", "--noinput", "-v0")
        arrangement.muniplan("collectstatic", "--noinput", "-v0")
        plan = json.loads(arrangement.muniplan(str(args.organizations), script=BUILD))
        prepared = time.monotonic() - started
        arrangement.start_all()
        visitor = Visitor(args.port)
        visitor.sign_in(plan["username"])
        samples, added, edit_errors, peak, times = load(
            arrangement, visitor.cookies, plan, args.clients, args.seconds, args.seconds / 2
        )
        return report(
            arrangement, plan, samples, added, edit_errors, peak, times, args, prepared, started
        )
    finally:
        arrangement.stop_all()
        admin.execute(drop)
        admin.close()
        if args.keep:
            print(f"kept: {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


def report(
    arrangement: Arrangement,
    plan: dict,
    samples,
    added,
    edit_errors,
    peak,
    times,
    args,
    prepared,
    started,
) -> bool:
    kill_at, ended = times
    before, after = _phase(samples, WARMUP, kill_at), _phase(samples, kill_at, ended)
    warmup = _phase(samples, 0, WARMUP)
    stored = set(json.loads(arrangement.muniplan(EDIT_PREFIX, script=TITLES)))
    shown = Visitor(arrangement.port)
    shown.sign_in(plan["username"])
    _, page, _ = shown.request("GET", f"/plans/{plan['plan']}/")
    missing = [t for t in added if t not in stored or t not in page]
    via = {
        port: sum(f":{port} " in t for t in added)
        for port in (arrangement.port, *arrangement.app_ports)
    }
    sessions = subprocess.run(
        ["redis-cli", "-p", str(args.port + 3), "--scan", "--pattern", "*session*"],
        capture_output=True,
        text=True,
    ).stdout.split()
    upstreams = _per_upstream(arrangement.folder / "run" / "nginx-access.log")
    load_avg = os.getloadavg()[0]

    print(
        f"\n== two app servers behind nginx, PostgreSQL, Redis — {args.clients} clients on the "
        f"{plan['title'][:40]}… plan page (300 activities), {ended:.0f} s, second server killed at "
        f"{kill_at:.0f} s; prepared in {prepared:.0f} s; load average {load_avg:.1f} on {os.cpu_count()} CPUs"
    )
    print(f"{'phase':28} {'requests':>8} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'errors':>7}")
    for label, phase in (
        (f"warm-up 0–{WARMUP:.0f} s", warmup),
        ("two servers (before kill)", before),
        ("one server (after kill)", after),
    ):
        print(
            f"{label:28} {phase['requests']:8} {phase['rps']:7.1f} {phase['p50']:8.0f} {phase['p95']:8.0f} "
            f"{phase['errors']:7}"
        )
    errors = [s for s in samples if not s.ok and s.started >= WARMUP]
    for sample in errors[:5]:
        print(f"  error at {sample.started:.1f} s: {sample.error}")
    print(
        "plan page requests per app server (nginx log): "
        + ", ".join(f"{k} {v}" for k, v in sorted(upstreams.items()))
    )
    print(
        "peak memory per gunicorn worker: "
        + ", ".join(f"{pid} {mb:.0f} MB" for pid, mb in sorted(peak.items()))
    )
    print(
        f"activities added while loaded: {len(added)} ({', '.join(f':{p} {n}' for p, n in via.items())}); "
        f"missing afterwards: {len(missing)}; refused edits: {len(edit_errors)}"
    )
    for problem in edit_errors[:5]:
        print(f"  {problem}")
    print(f"sessions in Redis: {len(sessions)}; total {time.monotonic() - started:.0f} s")

    both_served = len([u for u, n in upstreams.items() if n and ":" in u and "," not in u]) >= 2
    checks = {
        "no failed request after the warm-up": not errors,
        "both app servers served the page before the kill": both_served,
        "edits went through each app server and through nginx": all(via.values()),
        "every added activity is stored and shown": not missing and not edit_errors,
        "sessions live in Redis": bool(sessions),
    }
    for label, ok in checks.items():
        print(f"{'ok  ' if ok else 'FAIL'} {label}")
    return all(checks.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit non-zero when a check fails")
    parser.add_argument(
        "--seconds", type=float, default=40, help="length of the load (the kill is halfway)"
    )
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument(
        "--port",
        type=int,
        default=int(os.environ.get("TWO_SERVERS_PORT", 8180)),
        help="nginx port; app servers on the next two, Redis on the third",
    )
    parser.add_argument(
        "--organizations",
        type=int,
        default=85,
        choices=range(4, 86),
        metavar="4..85",
        help="councils in the data set (85: the federal 15,600 activities; fewer build faster, "
        "the 300-activity plan is the same)",
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the run folder (logs, configuration)"
    )
    args = parser.parse_args()
    ok = run(args)
    sys.exit(0 if ok or not args.check else 1)


if __name__ == "__main__":
    main()
