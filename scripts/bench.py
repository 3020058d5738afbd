"""Benchmark the site the way it is deployed, on one machine, in one run (``make bench``).

Starts gunicorn in production mode on a free 127.0.0.1 port against a throwaway, seeded
SQLite database (or DATABASE_URL when set), then measures:

* load, with ``wrk`` at 10 and 50 connections: a static copy of the role page served by
  WhiteNoise (the ceiling: the same bytes with no Django work), the role page cold (the
  first N requests right after gunicorn restarts), warm and uncached, another journey
  page, and a planner result (its shared URL, and uncached): requests/s, the ratio to the
  static copy, p50/p95/p99 latency, non-2xx count. The page cache ignores parameters a
  view does not declare, so "uncached" rows go to a second gunicorn whose page cache keeps
  nothing (PAGE_CACHE_SECONDS=0): every request renders the page, from page data built
  once per content version, as a page the cache does not hold yet is rendered;
* SQL queries and CPU time per page, in-process with Django's test client: cold (a new
  content version: page data built afresh), uncached (page data built, page not cached)
  and warm (from the page cache);
* the weight of each page's first view: HTML plus the CSS, JS, images and icons it
  references, as sent on the wire with ``Accept-Encoding: gzip, br``, and the request count.

Prints tables, checks the targets of issue 6 (PASS/MISS) and writes everything as JSON to
reports/bench.json (and the tables as Markdown to reports/bench.md). A MISS still exits 0:
this is a measurement, not a test. It exits non-zero only when something broke (1: wrk is
missing; 2: a step failed; 130: interrupted). gunicorn is always stopped on the way out.
See docs/performance.md.
"""

import argparse
import contextlib
import datetime as dt
import functools
import gzip
import http.client
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import traceback
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

BASE_DIR = Path(__file__).resolve().parent.parent
STATIC_ROOT = BASE_DIR / "staticfiles"  # settings.STATIC_ROOT; not configurable by env
STATIC_COPY = STATIC_ROOT / "bench" / "role.html"
STATIC_COPY_URL = "/static/bench/role.html"

ROLE = "/careers/music-therapist/"
ENTRY_ROUTES = ROLE + "entry-routes/"
PLANNER_RESULT = (
    ROLE + "next-steps/?stage=graduate&degree=music&music=advanced"
    "&experience=1_to_2&employed=no&mode=full_time"
)


def plan_urls(count=5000, seed=1):
    """Plans for ``count`` different sets of answers (every question answered), in a fixed
    random order: what visitors with their own answers ask for."""
    import itertools
    import random

    sys.path.insert(0, str(BASE_DIR))
    from pathways.planner import QUESTIONS

    combos = list(itertools.product(*QUESTIONS.values()))
    random.Random(seed).shuffle(combos)
    return [
        ROLE + "next-steps/?" + "&".join(f"{q}={a}" for q, a in zip(QUESTIONS, combo, strict=True))
        for combo in combos[:count]
    ]


PAGES = [  # (name, URL): every journey page, the home page and a planner result
    ("home", "/"),
    ("role", ROLE),
    ("skills", ROLE + "skills/"),
    ("entry routes", ENTRY_ROUTES),
    ("qualifications", ROLE + "qualifications/"),
    ("progression", ROLE + "progression/"),
    ("next steps", ROLE + "next-steps/"),
    ("planner result", PLANNER_RESULT),
]

# Targets from issue 6.
WARM_RATIO = 0.8
UNCACHED_RATIO = 0.3
P95_MS = 50.0
P95_CONNECTIONS = 50
MAX_QUERIES = 6  # five for the page, one reading the content version
MAX_WEIGHT_BYTES = 60 * 1024
MAX_REQUESTS = 6

WRK_TIMEOUT = "10s"  # a slower response counts as a timeout (and an error)
NOISY_PCT = 10.0  # other processes' share of the cores above which a run is noisy


class BenchError(Exception):
    """Something broke: the benchmark cannot produce figures."""


# --------------------------------------------------------------------------- environment


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def bench_env(tmp):
    env = dict(os.environ)
    # Local-memory caches only: a shared Redis would survive restarts (no cold cache),
    # and clearing it would wipe someone else's data.
    env.pop("REDIS_URL", None)
    env.update(
        DJANGO_ENV="production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECURE_SSL_REDIRECT="false",  # plain HTTP on loopback, no proxy
        DJANGO_SETTINGS_MODULE="config.settings",
        PYTHONUNBUFFERED="1",
    )
    env.setdefault("DJANGO_LOG_LEVEL", "WARNING")
    if not os.environ.get("DATABASE_URL"):
        env["DATABASE_URL"] = f"sqlite:///{tmp / 'bench.sqlite3'}"
    return env


def run(cmd, env, timeout=600):
    print("  $", " ".join(str(part) for part in cmd), flush=True)
    result = subprocess.run(
        cmd, cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=timeout
    )
    if result.returncode != 0:
        raise BenchError(
            f"{' '.join(str(p) for p in cmd)} exited {result.returncode}:\n"
            f"{result.stdout[-2000:]}{result.stderr[-4000:]}"
        )
    return result.stdout


def prepare_database(env):
    manage = [sys.executable, "manage.py"]
    run([*manage, "migrate", "--noinput"], env)
    run([*manage, "seed"], env)
    run([*manage, "collectstatic", "--noinput"], env)


def tool_version(cmd):
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
    text = (out.stdout or out.stderr).strip().splitlines()
    return text[0] if text else "unknown"


# --------------------------------------------------------------------------- gunicorn


class Gunicorn:
    """gunicorn in its own process group, so it is always stopped and nothing else is."""

    def __init__(self, env, port, workers, log_path):
        self.env = env
        self.port = port
        self.workers = workers
        self.log_path = log_path
        self.proc = None
        self.log = None
        self.starts = 0

    @functools.cached_property
    def extra_options(self):
        """gunicorn 27's control socket lives at one path per user: leave it to others."""
        help_text = subprocess.run(
            [self.executable, "--help"], capture_output=True, text=True, timeout=30
        ).stdout
        return ["--no-control-socket"] if "--no-control-socket" in help_text else []

    @property
    def executable(self):
        beside = Path(sys.executable).parent / "gunicorn"
        return str(beside) if beside.exists() else (shutil.which("gunicorn") or "gunicorn")

    def start(self, timeout=60):
        self.log = open(self.log_path, "a")  # noqa: SIM115 (closed in stop())
        self.starts += 1
        self.log.write(f"\n---- start {self.starts} ----\n")
        self.log.flush()
        self.proc = subprocess.Popen(
            [
                self.executable,
                "config.wsgi:application",
                "-b",
                f"127.0.0.1:{self.port}",
                "-w",
                str(self.workers),
                "--graceful-timeout",
                "5",
                *self.extra_options,
            ],
            cwd=BASE_DIR,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise BenchError(f"gunicorn exited {self.proc.returncode}:\n{self.log_tail()}")
            try:
                status, _, _, _ = fetch(self.port, "/healthz", timeout=2)
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.1)
        raise BenchError(f"gunicorn did not answer /healthz within {timeout} s:\n{self.log_tail()}")

    def stop(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.proc.wait(timeout=15)
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.proc.pid, signal.SIGKILL)  # workers left behind, if any
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.proc.wait(timeout=5)
        self.proc = None
        if self.log is not None:
            self.log.close()
            self.log = None

    def restart(self):
        self.stop()
        self.start()

    def drain(self, timeout=120):
        """Wait for the requests a load run left queued (wrk hangs up, gunicorn still serves
        them): a health check answers once the queue ahead of it is done."""
        for _ in range(self.workers):
            fetch(self.port, "/healthz", timeout=timeout)

    def log_tail(self, lines=40):
        try:
            return "\n".join(Path(self.log_path).read_text().splitlines()[-lines:])
        except OSError:
            return ""


def fetch(port, path, headers=None, timeout=15):
    """GET from the server: (status, headers, body as sent, size of the header block)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path, headers=headers or {})
        resp = conn.getresponse()
        body = resp.read()
        header_bytes = (
            len(f"HTTP/1.1 {resp.status} {resp.reason}\r\n")
            + sum(len(k) + len(v) + 4 for k, v in resp.getheaders())
            + 2
        )
        return resp.status, resp.headers, body, header_bytes
    finally:
        conn.close()


# --------------------------------------------------------------------------- CPU use

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def machine_ticks():
    """(busy, total) CPU ticks of the whole machine, all cores, from /proc/stat. Busy leaves
    out interrupts (mostly our own loopback traffic, not charged to any process)."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    user, nice, system, idle, iowait, irq, softirq, steal = fields
    return user + nice + system + steal, sum(fields)


def group_ticks(pgrp):
    """CPU ticks used so far by the live processes of one process group (gunicorn's)."""
    ticks = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[2]) == pgrp:  # fields[0] is the state; pgrp, then utime/stime at 11, 12
            ticks += int(fields[11]) + int(fields[12])
    return ticks


def child_ticks():
    """CPU ticks used by this process and the children it has waited for (wrk)."""
    t = os.times()
    return (t.user + t.system + t.children_user + t.children_system) * CLOCK_TICKS


class CpuMeter:
    """Who used the cores during a run: gunicorn, wrk (and this script), everything else."""

    def __init__(self, pgrp):
        self.pgrp = pgrp
        self.start = (machine_ticks(), group_ticks(pgrp), child_ticks())

    def stop(self):
        (busy0, total0), server0, ours0 = self.start
        busy1, total1 = machine_ticks()
        server = group_ticks(self.pgrp) - server0
        ours = child_ticks() - ours0
        total = max(total1 - total0, 1)
        other = max((busy1 - busy0) - server - ours, 0)
        return {
            "gunicorn_cpu_s": round(server / CLOCK_TICKS, 2),
            "gunicorn_pct": round(100 * server / total, 1),
            "wrk_pct": round(100 * ours / total, 1),
            "other_pct": round(100 * other / total, 1),
        }


def wait_quiet(limit, threshold=NOISY_PCT):
    """Wait up to ``limit`` seconds until the machine is under ``threshold``% busy for 1 s
    (nothing of ours runs between load runs, so that is other processes). Returns the %."""
    deadline = time.monotonic() + limit
    while True:
        busy0, total0 = machine_ticks()
        time.sleep(1)
        busy1, total1 = machine_ticks()
        busy = 100 * (busy1 - busy0) / max(total1 - total0, 1)
        if busy < threshold or time.monotonic() >= deadline:
            return round(busy, 1)


# --------------------------------------------------------------------------- wrk

LUA = r"""
-- Written by scripts/bench.py. Settings:
local BUST = %(bust)s          -- path prefix for a fresh query string per request, or nil
local PATHS = %(paths)s        -- paths to ask for at random, one per request, or nil
local STOP_AFTER = %(stop_after)d  -- per thread: stop after this many responses (0: never)
local COUNT_STATUS = %(count_status)s  -- count non-2xx exactly (needs response())

local ffi_ok, ffi = pcall(require, "ffi")
local now_us = nil
if ffi_ok then
  pcall(ffi.cdef, [[
    typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
    int clock_gettime(int clk_id, bench_timespec *tp);
  ]])
  local ts = ffi.new("bench_timespec")
  now_us = function()
    ffi.C.clock_gettime(1, ts)  -- CLOCK_MONOTONIC
    return tonumber(ts.tv_sec) * 1e6 + tonumber(ts.tv_nsec) / 1e3
  end
end

local threads = {}
function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

function init(args)
  math.randomseed(id)
  responses = 0
  non2xx = 0
  if now_us then t_start = now_us() end
end

if BUST then
  local n = 0
  request = function()
    n = n + 1
    return wrk.format(nil, BUST .. id .. "-" .. n)
  end
end

if PATHS then
  request = function()
    return wrk.format(nil, PATHS[math.random(#PATHS)])
  end
end

if COUNT_STATUS or STOP_AFTER > 0 then
  response = function(status, headers, body)
    responses = responses + 1
    if status < 200 or status > 299 then non2xx = non2xx + 1 end
    if STOP_AFTER > 0 and responses == STOP_AFTER then
      if now_us then t_end = now_us() end
      io.write("THREAD_DONE\n")
      io.flush()
      wrk.thread:stop()
    end
  end
end

function done(summary, latency, requests)
  local counted, t0, t1 = 0, nil, nil
  for _, t in ipairs(threads) do
    counted = counted + (t:get("non2xx") or 0)
    local a, b = t:get("t_start"), t:get("t_end")
    if a and (t0 == nil or a < t0) then t0 = a end
    if b and (t1 == nil or b > t1) then t1 = b end
  end
  local elapsed = -1
  if t0 and t1 then elapsed = t1 - t0 end
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %%d, "duration_us": %%d, "bytes": %%d, "elapsed_us": %%d, ' ..
    '"connect": %%d, "read": %%d, "write": %%d, "timeout": %%d, "status_4xx_5xx": %%d, ' ..
    '"non_2xx_counted": %%d, "count_status": %%s, ' ..
    '"p50_us": %%d, "p90_us": %%d, "p95_us": %%d, "p99_us": %%d, "max_us": %%d, "mean_us": %%d}\n',
    summary.requests, summary.duration, summary.bytes, elapsed,
    e.connect, e.read, e.write, e.timeout, e.status,
    counted, tostring(COUNT_STATUS),
    latency:percentile(50), latency:percentile(90), latency:percentile(95),
    latency:percentile(99), latency.max, latency.mean))
end
"""


def lua_script(tmp, name, bust=None, stop_after=0, count_status=True, paths=None):
    path = tmp / f"{name}.lua"
    path.write_text(
        LUA
        % {
            "bust": json.dumps(bust) if bust else "nil",
            "paths": "{" + ",".join(json.dumps(p) for p in paths) + "}" if paths else "nil",
            "stop_after": stop_after,
            "count_status": "true" if count_status else "false",
        }
    )
    return path


def wrk(server, path, connections, threads, duration, script, stop_threads=0, bound=None):
    """Run wrk; with ``stop_threads``, interrupt it once that many threads report done.

    Afterwards, wait until gunicorn has worked through the requests still queued, so one
    run does not eat into the next."""
    url = f"http://127.0.0.1:{server.port}{path}"
    meter = CpuMeter(server.proc.pid)
    seconds = bound if stop_threads else duration
    cmd = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        f"--timeout={WRK_TIMEOUT}",
        "-s",
        str(script),
        url,
    ]
    started = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines, finished, wall_done = [], 0, None
    try:
        for line in proc.stdout:
            lines.append(line)
            if stop_threads and line.strip() == "THREAD_DONE":
                finished += 1
                if finished == stop_threads:
                    wall_done = time.monotonic() - started
                    proc.send_signal(signal.SIGINT)  # wrk prints its summary at once
        proc.wait(timeout=seconds + 30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    cpu = meter.stop()
    server.drain()
    output = "".join(lines)
    data = None
    for line in lines:
        if line.startswith("BENCH_JSON "):
            data = json.loads(line[len("BENCH_JSON ") :])
    if data is None:
        raise BenchError(f"wrk gave no summary for {url}:\n{output[-2000:]}")
    if stop_threads:
        if data["elapsed_us"] > 0:
            data["seconds"] = data["elapsed_us"] / 1e6
        else:  # no LuaJIT FFI clock: time it from here (includes wrk's start-up)
            data["seconds"] = wall_done or (time.monotonic() - started)
    else:
        data["seconds"] = data["duration_us"] / 1e6
    data["cpu"] = cpu
    return data


def load_row(label, key, path, connections, data, note=""):
    non_2xx = data["non_2xx_counted"] if data["count_status"] else data["status_4xx_5xx"]
    return {
        "target": key,
        "label": label,
        "path": path,
        "connections": connections,
        "requests": data["requests"],
        "seconds": round(data["seconds"], 3),
        "rps": round(data["requests"] / data["seconds"], 1) if data["seconds"] else 0.0,
        "p50_ms": round(data["p50_us"] / 1000, 2),
        "p90_ms": round(data["p90_us"] / 1000, 2),
        "p95_ms": round(data["p95_us"] / 1000, 2),
        "p99_ms": round(data["p99_us"] / 1000, 2),
        "max_ms": round(data["max_us"] / 1000, 2),
        "non_2xx": non_2xx,
        "socket_errors": {k: data[k] for k in ("connect", "read", "write", "timeout")},
        "server_cpu_ms": (
            round(1000 * data["cpu"]["gunicorn_cpu_s"] / data["requests"], 2)
            if data["requests"]
            else None
        ),
        "cpu": data["cpu"],
        "attempts": data.get("attempts", 1),
        "note": note,
    }


def run_load(server, uncached_server, tmp, args):
    threads = args.threads
    plain = lua_script(tmp, "plain")
    steady = [  # (key, label, URL wrk is given, script, path shown in the report, server)
        ("static", "static copy (WhiteNoise)", STATIC_COPY_URL, plain, STATIC_COPY_URL, server),
        ("role_warm", "role page, warm", ROLE, plain, ROLE, server),
        ("entry_routes", "entry routes page, warm", ENTRY_ROUTES, plain, ENTRY_ROUTES, server),
        ("planner", "planner result (same URL)", PLANNER_RESULT, plain, PLANNER_RESULT, server),
        ("role_uncached", "role page, uncached", ROLE, plain, ROLE, uncached_server),
        (
            "planner_uncached",
            "planner result, uncached",
            PLANNER_RESULT,
            plain,
            PLANNER_RESULT,
            uncached_server,
        ),
        (
            "planner_many",
            "plans for 5,000 sets of answers, uncached",
            ROLE + "next-steps/",
            lua_script(tmp, "plans", paths=plan_urls()),
            ROLE + "next-steps/?<5,000 answer sets at random>",
            uncached_server,
        ),
    ]

    def measure(run_once):
        """One measured run; with --wait-quiet, start it on a quiet machine and repeat it
        (up to twice) when other processes took more than NOISY_PCT of the cores meanwhile,
        keeping the quietest attempt."""
        best = None
        for attempt in range(1, 4 if args.wait_quiet else 2):
            if args.wait_quiet:
                wait_quiet(args.wait_quiet)
            data = run_once()
            data["attempts"] = attempt
            if best is None or data["cpu"]["other_pct"] < best["cpu"]["other_pct"]:
                best = data
            if best["cpu"]["other_pct"] <= NOISY_PCT:
                break
            if args.wait_quiet and attempt < 3:
                print(f"    noisy ({data['cpu']['other_pct']:.0f}% other CPU): again", flush=True)
        best["attempts"] = attempt
        return best

    rows = []
    for connections in args.connections:
        t = min(threads, connections)
        # One wrk thread: when one of two threads stops first, the connections it leaves
        # open stall the other thread's for 2-8 s (wrk 4.1, even for a static file).
        cold_script = lua_script(tmp, f"cold-{connections}", stop_after=args.requests_cold)

        def cold(connections=connections, cold_script=cold_script):
            server.restart()  # empty caches, fresh workers
            return wrk(server, ROLE, connections, 1, 0, cold_script, stop_threads=1, bound=120)

        print(f"\n  {connections} connections: restart gunicorn (empty caches)", flush=True)
        print(f"  wrk role page, cold: first {args.requests_cold} requests", flush=True)
        rows.append(
            load_row(
                f"role page, cold (first {args.requests_cold})",
                "role_cold",
                ROLE,
                connections,
                measure(cold),
                note="the first requests after gunicorn restarts (empty caches), wrk -t1",
            )
        )
        for key, label, url, script, shown, target in steady:
            if args.warmup:  # each worker's first render of the page is not the steady state
                wrk(target, url, connections, t, args.warmup, plain)
            print(f"  wrk {label}: {args.duration} s", flush=True)
            data = measure(
                lambda url=url, script=script, c=connections, t=t, target=target: wrk(
                    target, url, c, t, args.duration, script
                )
            )
            rows.append(load_row(label, key, shown, connections, data))
    static = {r["connections"]: r["rps"] for r in rows if r["target"] == "static"}
    for row in rows:
        base = static.get(row["connections"])
        row["ratio"] = round(row["rps"] / base, 3) if base else None
    return rows


# --------------------------------------------------------------------------- queries


def count_queries(env, repeats=5):
    """SQL queries per page, in-process, against the same database: uncached, then warm.

    Also the CPU time one request costs this process (Django and SQLite, no HTTP), the
    median of ``repeats`` runs, split into executing SQL, rendering templates and the rest
    (middleware, views, building querysets and model instances): what bounds requests/s
    once the cores are busy.
    """
    os.environ.update(env)
    sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()
    from django.core.cache import caches
    from django.db import connection, connections
    from django.template.backends.django import Template
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    spent = {"sql": 0.0, "template": 0.0}
    depth = [0]
    render = Template.render

    def timed_render(self, *args, **kwargs):  # this process only; outermost render only
        depth[0] += 1
        start = time.process_time()
        try:
            return render(self, *args, **kwargs)
        finally:
            depth[0] -= 1
            if depth[0] == 0:
                spent["template"] += time.process_time() - start

    def timed_sql(execute, sql, params, many, context):
        start = time.process_time()
        try:
            return execute(sql, params, many, context)
        finally:
            spent["sql"] += time.process_time() - start

    Template.render = timed_render

    def clear():  # a new content version: page data and pages built afresh
        for cache in caches.all():
            cache.clear()

    def clear_pages():  # a page the page cache does not hold, from page data already built
        caches["pages"].clear()

    client = Client(HTTP_HOST="127.0.0.1")  # one client: a new one loads the middleware again

    def get(url):
        client.cookies.clear()  # a new visitor every time
        spent.update(sql=0.0, template=0.0)
        with CaptureQueriesContext(connection) as queries, connection.execute_wrapper(timed_sql):
            cpu = time.process_time()
            response = client.get(url)
            cpu = time.process_time() - cpu
        ms = {"cpu": cpu * 1000, "sql": spent["sql"] * 1000, "template": spent["template"] * 1000}
        return response, queries.captured_queries, ms

    def median(values):
        values = sorted(values)
        return round(values[len(values) // 2], 2)

    for _, url in PAGES:  # one-off work per process (imports, templates) is not per page
        get(url)
    pages = []
    for name, url in PAGES:
        clear()
        response, cold, _ = get(url)
        _, warm, _ = get(url)
        uncached, warm_ms, cold_ms = [], [], []
        for _ in range(repeats):
            clear()
            cold_ms.append(get(url)[2]["cpu"])
            clear_pages()
            uncached.append(get(url)[2])
            warm_ms.append(get(url)[2]["cpu"])
        cpu = median([m["cpu"] for m in uncached])
        sql = median([m["sql"] for m in uncached])
        template = median([m["template"] for m in uncached])
        pages.append(
            {
                "page": name,
                "url": url,
                "status": response.status_code,
                "uncached": len(cold),
                "warm": len(warm),
                "cold_cpu_ms": median(cold_ms),
                "uncached_cpu_ms": cpu,
                "uncached_sql_ms": sql,
                "uncached_template_ms": template,
                "uncached_other_ms": round(max(cpu - sql - template, 0), 2),
                "warm_cpu_ms": median(warm_ms),
                "sql": [q["sql"][:400] for q in cold],
            }
        )
    # Plans for answers nobody asked for before, once plans for 400 others were built in
    # this content version: what a visitor with their own answers costs.
    urls = plan_urls(600, seed=2)
    clear()
    response, cold, cold_ms = get(urls[0])
    for url in urls[1:400]:
        get(url)
    fresh = [get(url) for url in urls[400:]]
    again = [get(url) for url in urls[400:]]  # page-cache hits
    pages.append(
        {
            "page": "new plans",
            "url": ROLE + "next-steps/?<200 answer sets not asked for before>",
            "status": max(r.status_code for r, _, _ in fresh),
            "uncached": len(cold),
            "warm": max(len(queries) for _, queries, _ in again),
            "cold_cpu_ms": round(cold_ms["cpu"], 2),
            "uncached_cpu_ms": median([ms["cpu"] for _, _, ms in fresh]),
            "uncached_sql_ms": median([ms["sql"] for _, _, ms in fresh]),
            "uncached_template_ms": median([ms["template"] for _, _, ms in fresh]),
            "uncached_other_ms": round(
                max(median([ms["cpu"] - ms["sql"] - ms["template"] for _, _, ms in fresh]), 0), 2
            ),
            "warm_cpu_ms": median([ms["cpu"] for _, _, ms in again]),
            "sql": [q["sql"][:400] for q in cold],
        }
    )
    # Is there a page cache, and do undeclared parameters miss it (they should not)?
    clear()
    get(ROLE + "?bench=probe-1")
    _, second, _ = get(ROLE + "?bench=probe-2")
    role = next(p for p in pages if p["url"] == ROLE)
    cache = {
        "page_cache": role["warm"] <= 1 and role["uncached"] > 1,  # 1: the content version
        "query_string_misses": len(second) > 1,
        "backends": {
            alias: caches[alias].__class__.__name__ for alias in django.conf.settings.CACHES
        },
    }
    clear()
    Template.render = render
    connections.close_all()
    return pages, cache


# --------------------------------------------------------------------------- page weight


class AssetParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.assets = []

    def handle_starttag(self, tag, attrs):
        attrs = {k: (v or "") for k, v in attrs}
        if tag == "link":
            rel = set(attrs.get("rel", "").lower().split())
            if rel & {"stylesheet", "icon", "apple-touch-icon", "preload", "modulepreload"}:
                kind = "css" if "stylesheet" in rel else "icon" if "icon" in rel else "preload"
                self.add(kind, attrs.get("href"))
        elif tag == "script":
            self.add("js", attrs.get("src"))
        elif tag == "img" or (tag == "input" and attrs.get("type") == "image"):
            self.add("img", attrs.get("src"))

    def add(self, kind, url):
        if url and not url.startswith("data:"):
            self.assets.append((kind, url))


CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)""")


def page_weight(port, pages):
    accept = {"Accept-Encoding": "gzip, br"}
    results = []
    for name, url in pages:
        status, headers, body, header_bytes = fetch(port, url, headers=accept)
        encoding = headers.get("Content-Encoding", "identity")
        if encoding == "identity":
            html = body
        else:  # count what is sent; read the markup to find what it references
            _, _, html, _ = fetch(port, url)
        parser = AssetParser()
        parser.feed(html.decode("utf-8", "replace"))
        resources, seen = [], set()
        queue = [(kind, urljoin(url, ref)) for kind, ref in parser.assets]
        while queue:
            kind, ref = queue.pop(0)
            parts = urlsplit(ref)
            if parts.netloc and parts.netloc not in (f"127.0.0.1:{port}", f"localhost:{port}"):
                resources.append({"kind": kind, "url": ref, "status": None, "note": "other site"})
                continue
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            if path in seen:
                continue
            seen.add(path)
            r_status, r_headers, r_body, r_header_bytes = fetch(port, path, headers=accept)
            resources.append(
                {
                    "kind": kind,
                    "url": path,
                    "status": r_status,
                    "encoding": r_headers.get("Content-Encoding", "identity"),
                    "body_bytes": len(r_body),
                    "header_bytes": r_header_bytes,
                    "cache_control": r_headers.get("Cache-Control", ""),
                }
            )
            if kind == "css" and r_status == 200:  # fonts and images the stylesheet pulls in
                _, _, css, _ = fetch(port, path)
                for ref2 in CSS_URL.findall(css.decode("utf-8", "replace")):
                    if not ref2.startswith(("data:", "#")):
                        queue.append(("css-url", urljoin(path, ref2)))
        total_body = len(body) + sum(r.get("body_bytes", 0) for r in resources)
        total_headers = header_bytes + sum(r.get("header_bytes", 0) for r in resources)
        results.append(
            {
                "page": name,
                "url": url,
                "status": status,
                "html_encoding": encoding,
                "html_bytes": len(body),
                "html_identity_bytes": len(html),
                "html_gzip9_bytes": len(gzip.compress(html, 9)),
                "html_header_bytes": header_bytes,
                "requests": 1 + len(resources),
                "body_bytes": total_body,
                "wire_bytes": total_body + total_headers,
                "resources": resources,
            }
        )
    return results


# --------------------------------------------------------------------------- report


def check_targets(load, queries, weights, cache):
    targets = []

    def add(name, ok, detail):
        targets.append({"target": name, "result": "PASS" if ok else "MISS", "detail": detail})

    def rows(*keys):
        return [r for r in load if r["target"] in keys]

    def fmt(r):
        return f"{r['label']} @{r['connections']}: {r['ratio']:.2f}× ({r['rps']:.0f} req/s)"

    if load:
        warm = rows("role_warm")
        add(
            f"warm role page ≥ {WARM_RATIO}× static copy req/s",
            all(r["ratio"] is not None and r["ratio"] >= WARM_RATIO for r in warm),
            "; ".join(fmt(r) for r in warm),
        )
        dynamic = [r for r in load if r["target"] not in ("static", "role_warm")]
        low = [r for r in dynamic if r["ratio"] is None or r["ratio"] < UNCACHED_RATIO]
        lowest = min(dynamic, key=lambda r: r["ratio"] or 0)
        caveat = ""
        add(
            f"uncached pages and planner results ≥ {UNCACHED_RATIO}× static copy",
            not low,
            ("; ".join(fmt(r) for r in low) or f"lowest: {fmt(lowest)}") + caveat,
        )
        top = max(r["connections"] for r in load)
        at = P95_CONNECTIONS if any(r["connections"] == P95_CONNECTIONS for r in load) else top
        cached = [r for r in rows("role_warm", "entry_routes", "planner") if r["connections"] == at]
        add(
            f"p95 ≤ {P95_MS:.0f} ms at {at} connections, cached pages",
            all(r["p95_ms"] <= P95_MS for r in cached),
            "; ".join(f"{r['label']} @{r['connections']}: {r['p95_ms']:.1f} ms" for r in cached),
        )
        bad = [r for r in load if r["non_2xx"] or any(r["socket_errors"].values())]
        add(
            "0 errors (non-2xx, socket errors, timeouts) in every load run",
            not bad,
            "; ".join(
                f"{r['label']} @{r['connections']}: {r['non_2xx']} non-2xx, "
                + ", ".join(f"{n} {kind}" for kind, n in r["socket_errors"].items() if n)
                for r in bad
            )
            or f"{sum(r['requests'] for r in load):,} responses, all 2xx",
        )
    over = [q for q in queries if q["uncached"] > MAX_QUERIES or q["status"] != 200]
    add(
        f"≤ {MAX_QUERIES} SQL queries per page (uncached)",
        not over,
        "; ".join(f"{q['page']}: {q['uncached']} (HTTP {q['status']})" for q in over)
        or f"most: {max(q['uncached'] for q in queries)}",
    )
    heavy = [
        w
        for w in weights
        if w["wire_bytes"] > MAX_WEIGHT_BYTES or w["requests"] > MAX_REQUESTS or w["status"] != 200
    ]
    add(
        f"first view ≤ {MAX_WEIGHT_BYTES // 1024} KB in ≤ {MAX_REQUESTS} requests",
        not heavy,
        "; ".join(f"{w['page']}: {w['wire_bytes'] / 1024:.1f} KB in {w['requests']}" for w in heavy)
        or "heaviest: {page} {kb:.1f} KB in {requests} requests".format(
            page=(w := max(weights, key=lambda w: w["wire_bytes"]))["page"],
            kb=w["wire_bytes"] / 1024,
            requests=w["requests"],
        ),
    )
    return targets


def markdown(report):
    """The figures as Markdown tables, ready for docs/performance.md."""
    m, s = report["machine"], report["settings"]
    out = [
        f"Run {report['date']} on {m['cores']} cores (wrk on the same cores), "
        f"gunicorn {s['workers']} sync workers, wrk -t{s['threads']}, "
        f"{s['duration_s']} s per run, {s['database']}; "
        f"{report['noisy_runs']} load runs disturbed by other processes "
        f"(over {NOISY_PCT:.0f}% of the cores).",
        "",
    ]
    if report["load"]:
        out += [
            "| target | connections | req/s | × static | p50 ms | p95 ms | p99 ms | non-2xx "
            "| gunicorn CPU ms per response | other processes' CPU |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for r in report["load"]:
            ratio = f"{r['ratio']:.2f}" if r["ratio"] is not None else "-"
            out.append(
                f"| {r['label']} | {r['connections']} | {r['rps']:,.0f} | {ratio} "
                f"| {r['p50_ms']:.1f} | {r['p95_ms']:.1f} | {r['p99_ms']:.1f} | {r['non_2xx']} "
                f"| {r['server_cpu_ms'] or 0:.2f} | {r['cpu']['other_pct']:.0f}% |"
            )
        out.append("")
    out += [
        "| page | queries (uncached) | queries (warm) | CPU ms uncached | SQL | templates "
        "| rest | CPU ms warm |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for q in report["queries"]:
        out.append(
            f"| {q['page']} | {q['uncached']} | {q['warm']} | {q['uncached_cpu_ms']:.1f} "
            f"| {q['uncached_sql_ms']:.1f} | {q['uncached_template_ms']:.1f} "
            f"| {q['uncached_other_ms']:.1f} | {q['warm_cpu_ms']:.2f} |"
        )
    out += [
        "",
        "| page | requests | total KB | HTML KB (as sent) | HTML encoding | HTML gzip -9 KB |",
        "| --- | ---: | ---: | ---: | --- | ---: |",
    ]
    for w in report["weight"]:
        out.append(
            f"| {w['page']} | {w['requests']} | {w['wire_bytes'] / 1024:.1f} "
            f"| {w['html_bytes'] / 1024:.1f} | {w['html_encoding']} "
            f"| {w['html_gzip9_bytes'] / 1024:.1f} |"
        )
    out += ["", "| target | result | figures |", "| --- | --- | --- |"]
    for t in report["targets"]:
        out.append(f"| {t['target']} | {t['result']} | {t['detail']} |")
    return "\n".join(out) + "\n"


def print_report(report):
    m, s = report["machine"], report["settings"]
    print(
        f"\nBenchmark {report['date']}: {m['cores']} cores (wrk shares them), "
        f"gunicorn {s['workers']} sync workers, wrk -t{s['threads']}, "
        f"{s['duration_s']} s per run, {s['database']}"
    )
    c = report["cache"]
    print(
        f"Page cache: {'on' if c['page_cache'] else 'not detected'}"
        + (
            f"; a new query string {'misses' if c['query_string_misses'] else 'HITS'} it"
            if c["page_cache"]
            else ""
        )
    )
    if report["load"]:
        print("\nLoad (wrk)")
        head = (
            f"  {'target':<30} {'conns':>5} {'req/s':>8} {'×static':>8} "
            f"{'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'non-2xx':>8} {'CPU ms':>7} "
            f"{'other CPU':>9}"
        )
        print(head)
        print("  " + "-" * (len(head) - 2))
        for r in report["load"]:
            ratio = f"{r['ratio']:.2f}" if r["ratio"] is not None else "-"
            print(
                f"  {r['label']:<30} {r['connections']:>5} {r['rps']:>8.0f} {ratio:>8} "
                f"{r['p50_ms']:>7.1f} {r['p95_ms']:>7.1f} {r['p99_ms']:>7.1f} {r['non_2xx']:>8} "
                f"{r['server_cpu_ms'] or 0:>7.2f} {r['cpu']['other_pct']:>8.0f}%"
            )
        print(
            "  CPU ms: gunicorn's CPU time per response (all its processes); "
            "other CPU: share of all cores taken by other processes during the run."
        )
        noisy = [r for r in report["load"] if r["cpu"]["other_pct"] > NOISY_PCT]
        if noisy:
            print(
                f"  NOISY: other processes took over {NOISY_PCT:.0f}% of the cores during "
                f"{len(noisy)} of {len(report['load'])} runs (up to "
                f"{max(r['cpu']['other_pct'] for r in noisy):.0f}%): those figures are low, "
                "and ratios between them unreliable. Re-run on a quiet machine, or with "
                "--wait-quiet 120."
            )
    print(
        "\nSQL queries and CPU ms per request (in-process, test client, median of 5; "
        "uncached: SQL + templates + the rest)"
    )
    print(
        f"  {'page':<16} {'status':>6} {'queries':>7} {'warm':>5} "
        f"{'CPU ms':>7} {'SQL':>6} {'tmpl':>6} {'rest':>6} {'warm CPU ms':>11}"
    )
    for q in report["queries"]:
        print(
            f"  {q['page']:<16} {q['status']:>6} {q['uncached']:>7} {q['warm']:>5} "
            f"{q['uncached_cpu_ms']:>7.1f} {q['uncached_sql_ms']:>6.1f} "
            f"{q['uncached_template_ms']:>6.1f} {q['uncached_other_ms']:>6.1f} "
            f"{q['warm_cpu_ms']:>11.2f}"
        )
    print_uncached_summary(report)
    print("\nFirst view weight (Accept-Encoding: gzip, br; bytes on the wire incl. headers)")
    print(
        f"  {'page':<16} {'requests':>8} {'total KB':>9} {'HTML KB':>8} {'HTML enc':>9} "
        f"{'HTML gz-9 KB':>12}"
    )
    for w in report["weight"]:
        print(
            f"  {w['page']:<16} {w['requests']:>8} {w['wire_bytes'] / 1024:>9.1f} "
            f"{w['html_bytes'] / 1024:>8.1f} {w['html_encoding']:>9} "
            f"{w['html_gzip9_bytes'] / 1024:>12.1f}"
        )
    print("\nTargets (issue 6)")
    for t in report["targets"]:
        print(f"  {t['result']:<4}  {t['target']}\n        {t['detail']}")


def print_uncached_summary(report):
    """CPU ms per uncached render of the role page and a planner result, and requests/s
    against the static copy."""
    print("\nUncached renders (the page cache does not hold the page; target ≤ 4 ms, ≥ 0.3×)")
    for name, key in (
        ("role", "role_uncached"),
        ("planner result", "planner_uncached"),
        ("new plans", "planner_many"),
    ):
        q = next(q for q in report["queries"] if q["page"] == name)
        line = (
            f"  {name:<16} {q['uncached_cpu_ms']:.1f} ms CPU in-process "
            f"(new content version: {q['cold_cpu_ms']:.1f} ms)"
        )
        for r in (r for r in report["load"] if r["target"] == key):
            line += (
                f"; @{r['connections']}: {r['server_cpu_ms'] or 0:.1f} ms gunicorn CPU, "
                f"{r['ratio'] or 0:.2f}× static copy"
            )
        print(line)


# --------------------------------------------------------------------------- main


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--duration", type=int, default=10, help="seconds per load run (default 10)"
    )
    parser.add_argument("--quick", action="store_true", help="3 s per load run")
    parser.add_argument(
        "--connections",
        default="10,50",
        help="comma-separated wrk connection counts (default 10,50)",
    )
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (default 2)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    parser.add_argument(
        "--requests-cold",
        type=int,
        default=200,
        help="requests measured as 'cold', right after gunicorn restarts (default 200)",
    )
    parser.add_argument(
        "--warmup", type=int, default=1, help="seconds of wrk before each steady run (default 1)"
    )
    parser.add_argument(
        "--wait-quiet",
        type=int,
        default=0,
        metavar="SECONDS",
        help="before each load run, wait up to this long for other processes to go quiet, "
        "and repeat a run (twice at most) that they disturbed (default 0: do not wait)",
    )
    parser.add_argument(
        "--no-load", action="store_true", help="skip wrk: queries and page weight only"
    )
    parser.add_argument("--port", type=int, default=0, help="loopback port (default: a free one)")
    parser.add_argument(
        "--output",
        type=Path,
        default=BASE_DIR / "reports" / "bench.json",
        help="JSON report (default reports/bench.json; Markdown tables beside it, .md)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temp dir (database, logs)")
    args = parser.parse_args(argv)
    if args.quick:
        args.duration = 3
    args.connections = [int(c) for c in args.connections.split(",") if c.strip()]
    if args.duration < 1 or not args.connections or min(args.connections) < 1:
        parser.error("--duration and --connections must be positive")
    return args


def main(argv=None):
    args = parse_args(argv)
    if not args.no_load and shutil.which("wrk") is None:
        print("wrk is not installed: apt-get install wrk", file=sys.stderr)
        return 1

    def on_signal(signum, frame):
        raise KeyboardInterrupt

    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, on_signal)  # even when started with SIGINT ignored (`cmd &`)
    tmp = Path(tempfile.mkdtemp(prefix="bench-"))
    env = bench_env(tmp)
    database = (
        "DATABASE_URL from the environment"
        if os.environ.get("DATABASE_URL")
        else "throwaway SQLite"
    )
    server = Gunicorn(env, args.port or free_port(), args.workers, tmp / "gunicorn.log")
    uncached_server = Gunicorn(
        {**env, "PAGE_CACHE_SECONDS": "0"}, free_port(), args.workers, tmp / "uncached.log"
    )
    started = time.monotonic()
    load_at_start = [round(x, 2) for x in os.getloadavg()]
    try:
        print(f"Preparing {database} and static files (temp dir {tmp})", flush=True)
        prepare_database(env)
        print("Counting SQL queries per page (in-process)", flush=True)
        queries, cache = count_queries(env)
        print(f"Starting gunicorn on 127.0.0.1:{server.port}", flush=True)
        server.start()
        print("Measuring first-view page weight", flush=True)
        weights = page_weight(server.port, PAGES)

        load = []
        if not args.no_load:
            status, _, html, _ = fetch(server.port, ROLE)
            if status != 200:
                raise BenchError(f"{ROLE} answered {status}")
            STATIC_COPY.parent.mkdir(parents=True, exist_ok=True)
            STATIC_COPY.write_bytes(html)
            server.restart()  # WhiteNoise indexes the static files at start-up
            status, _, copy, _ = fetch(server.port, STATIC_COPY_URL)
            if status != 200:
                raise BenchError(f"the static copy {STATIC_COPY_URL} answered {status}")
            for path in (ROLE, ENTRY_ROUTES, PLANNER_RESULT):
                status, _, _, _ = fetch(server.port, path)
                if status != 200:
                    raise BenchError(f"{path} answered {status}, not 200")
            print(f"Static copy: {STATIC_COPY_URL} ({len(copy):,} bytes)", flush=True)
            uncached_server.start()
            print("Load runs (wrk)", flush=True)
            load = run_load(server, uncached_server, tmp, args)

        report = {
            "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
            "machine": {
                "cores": os.cpu_count(),
                "load_average_at_start": load_at_start,
                "platform": platform.platform(),
                "python": platform.python_version(),
                "wrk": tool_version(["wrk", "--version"]) if not args.no_load else None,
                "gunicorn": tool_version([server.executable, "--version"]),
                "note": "wrk runs on the same cores as gunicorn",
            },
            "settings": {
                "duration_s": args.duration,
                "connections": args.connections,
                "threads": args.threads,
                "workers": args.workers,
                "requests_cold": args.requests_cold,
                "warmup_s": args.warmup,
                "wait_quiet_s": args.wait_quiet,
                "database": database,
                "wrk_timeout": WRK_TIMEOUT,
            },
            "cache": cache,
            "load": load,
            "queries": queries,
            "weight": weights,
        }
        report["noisy_runs"] = sum(r["cpu"]["other_pct"] > NOISY_PCT for r in load)
        report["targets"] = check_targets(load, queries, weights, cache)
        report["elapsed_s"] = round(time.monotonic() - started, 1)
        print_report(report)
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(json.dumps(report, indent=2) + "\n")
        args.output.with_suffix(".md").write_text(markdown(report))
        print(f"\nWrote {args.output} and its .md tables ({report['elapsed_s']} s)")
        return 0
    except KeyboardInterrupt:
        print("\nInterrupted: stopping gunicorn", file=sys.stderr, flush=True)
        return 130
    except Exception as exc:
        if not isinstance(exc, BenchError | subprocess.TimeoutExpired | OSError):
            traceback.print_exc()
        print(f"\nBenchmark failed: {exc}", file=sys.stderr)
        if server.log_path.exists():
            print(f"gunicorn log:\n{server.log_tail()}", file=sys.stderr)
        return 2
    finally:
        server.stop()
        uncached_server.stop()
        shutil.rmtree(STATIC_COPY.parent, ignore_errors=True)
        if args.keep:
            print(f"Kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
