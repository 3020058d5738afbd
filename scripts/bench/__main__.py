"""``make bench``: ``python -m scripts.bench --help`` lists the flags."""

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

from . import __doc__ as about
from .load import run_load
from .pages import BASE_DIR, GZIP, NOISY_PCT, PAGES, ROLE, STATIC_COPY, STATIC_COPY_URL
from .queries import count_queries
from .report import check_targets, markdown
from .server import (
    BenchError,
    Gunicorn,
    bench_env,
    fetch,
    fetch_ok,
    free_port,
    prepare_database,
    tool_version,
)
from .weight import page_weight


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="make bench", description=about.split("\n\n")[0])
    add = parser.add_argument
    add("--duration", type=int, default=10, help="seconds per load run (default 10)")
    add("--quick", action="store_true", help="3 s per load run")
    add("--connections", default="10,50", help="wrk connection counts (default 10,50)")
    add("--threads", type=int, default=2, help="wrk threads (default 2)")
    add("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    add(
        "--requests-cold",
        type=int,
        default=200,
        help="requests measured as 'cold', right after gunicorn restarts (default 200)",
    )
    add("--warmup", type=int, default=1, help="seconds of wrk before each run (default 1)")
    add(
        "--wait-quiet",
        type=int,
        default=0,
        metavar="SECONDS",
        help="before each load run, wait up to this long for other processes to go quiet, "
        "and repeat a run (twice at most) that they disturbed (default 0: do not wait)",
    )
    add("--no-load", action="store_true", help="skip wrk: queries and page weight only")
    add("--port", type=int, default=0, help="loopback port (default: a free one)")
    add(
        "--output",
        type=Path,
        default=BASE_DIR / "reports" / "bench.json",
        help="JSON report (default reports/bench.json; the Markdown report beside it, .md)",
    )
    add("--keep", action="store_true", help="keep the temp dir (database, logs, wrk scripts)")
    args = parser.parse_args(argv)
    if args.quick:
        args.duration = 3
    args.connections = [int(c) for c in args.connections.split(",") if c.strip()]
    if args.duration < 1 or not args.connections or min(args.connections) < 1:
        parser.error("--duration and --connections must be positive")
    return args


def write_static_copy(server):
    """The role page as a static file, plain and as the page cache's gzip beside it (which
    WhiteNoise sends to clients that accept gzip); gunicorn restarts to index it."""
    STATIC_COPY.parent.mkdir(parents=True, exist_ok=True)
    STATIC_COPY.write_bytes(fetch_ok(server.port, ROLE))
    STATIC_COPY.with_name(STATIC_COPY.name + ".gz").write_bytes(fetch_ok(server.port, ROLE, GZIP))
    server.restart()
    fetch_ok(server.port, STATIC_COPY_URL)
    status, headers, _, _ = fetch(server.port, STATIC_COPY_URL, GZIP)
    if status != 200 or headers.get("Content-Encoding") != "gzip":
        raise BenchError(f"{STATIC_COPY_URL} with gzip: {status}, not its .gz")
    print(f"Static copy: {STATIC_COPY_URL} and its .gz", flush=True)


def measure(args, env, server, uncached_server, tmp):
    """Everything one run measures, as the report's figures."""
    prepare_database(env)
    print("Counting SQL queries and CPU per page (in-process)", flush=True)
    queries, cache = count_queries(env)
    print(f"Starting gunicorn on 127.0.0.1:{server.port}", flush=True)
    server.start()
    print("Measuring first-view weight", flush=True)
    weights = page_weight(server.port, PAGES)
    load = []
    if not args.no_load:
        write_static_copy(server)
        uncached_server.start()
        print("Load runs (wrk)", flush=True)
        load = run_load(server, uncached_server, tmp, args)
    return {"cache": cache, "load": load, "queries": queries, "weight": weights}


def describe(args, server, database):
    return {
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "machine": {
            "cores": os.cpu_count(),
            "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
            "platform": platform.platform(),
            "python": platform.python_version(),
            "wrk": None if args.no_load else tool_version(["wrk", "--version"]),
            "gunicorn": tool_version([server.executable, "--version"]),
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
        },
    }


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
    database = "DATABASE_URL" if os.environ.get("DATABASE_URL") else "throwaway SQLite"
    server = Gunicorn(env, args.port or free_port(), args.workers, tmp / "gunicorn.log")
    uncached_server = Gunicorn(
        {**env, "PAGE_CACHE_SECONDS": "0"}, free_port(), args.workers, tmp / "uncached.log"
    )
    started = time.monotonic()
    try:
        report = describe(args, server, database)
        print(f"Preparing {database} and static files (temp dir {tmp})", flush=True)
        report.update(measure(args, env, server, uncached_server, tmp))
        report["noisy_runs"] = sum(r["cpu"]["other_pct"] > NOISY_PCT for r in report["load"])
        report["targets"] = check_targets(report["load"], report["queries"], report["weight"])
        report["elapsed_s"] = round(time.monotonic() - started, 1)
        text = markdown(report)
        print("\n" + text)
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(json.dumps(report, indent=2) + "\n")
        args.output.with_suffix(".md").write_text(text)
        print(f"Wrote {args.output} and {args.output.with_suffix('.md').name}", flush=True)
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


sys.exit(main())
