"""Load runs with wrk (the program is ``bench.lua``), and who used the cores meanwhile."""

import json
import os
import signal
import subprocess
import time
from functools import partial
from pathlib import Path

from .pages import (
    ENTRY_ROUTES,
    NEXT_STEPS,
    NOISY_PCT,
    PLANNER_RESULT,
    ROLE,
    STATIC_COPY_URL,
    WRK_TIMEOUT,
    plan_urls,
)
from .server import BenchError

LUA_PROGRAM = Path(__file__).with_name("bench.lua")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")

# (key, label, path wrk asks for, uncached server?, encodings). Cached pages and the
# static copy are asked for both ways; uncached pages as browsers ask, with gzip.
BOTH = ("gzip", "plain")
STEADY = [
    ("static", "static copy (WhiteNoise)", STATIC_COPY_URL, False, BOTH),
    ("role_warm", "role page, cached", ROLE, False, BOTH),
    ("entry_routes", "entry routes page, cached", ENTRY_ROUTES, False, BOTH),
    ("planner", "planner result (same URL), cached", PLANNER_RESULT, False, BOTH),
    ("role_uncached", "role page, uncached", ROLE, True, ("gzip",)),
    ("planner_uncached", "planner result, uncached", PLANNER_RESULT, True, ("gzip",)),
    ("new_plans", "plans for 5,000 sets of answers, uncached", NEXT_STEPS, True, ("gzip",)),
]


def machine_ticks():
    """(busy, total) CPU ticks of the whole machine, from /proc/stat. Busy leaves out
    interrupts (mostly our own loopback traffic, not charged to any process)."""
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
        if int(fields[2]) == pgrp:  # after the name: state, ppid, pgrp; utime, stime at 11, 12
            ticks += int(fields[11]) + int(fields[12])
    return ticks


def own_ticks():
    """CPU ticks used by this process and the children it has waited for (wrk)."""
    t = os.times()
    return (t.user + t.system + t.children_user + t.children_system) * CLOCK_TICKS


class CpuMeter:
    """Who used the cores during a run: gunicorn, wrk (and this script), everything else."""

    def __init__(self, pgrp):
        self.pgrp = pgrp
        self.start = (machine_ticks(), group_ticks(pgrp), own_ticks())

    def stop(self):
        (busy0, total0), server0, ours0 = self.start
        busy1, total1 = machine_ticks()
        server = group_ticks(self.pgrp) - server0
        ours = own_ticks() - ours0
        total = max(total1 - total0, 1)
        other = max((busy1 - busy0) - server - ours, 0)
        return {
            "gunicorn_cpu_s": round(server / CLOCK_TICKS, 2),
            "wrk_pct": round(100 * ours / total, 1),
            "other_pct": round(100 * other / total, 1),
        }


def wait_quiet(limit):
    """Wait up to ``limit`` seconds until the machine is under NOISY_PCT busy for 1 s
    (nothing of ours runs between load runs, so that is other processes)."""
    deadline = time.monotonic() + limit
    while True:
        busy0, total0 = machine_ticks()
        time.sleep(1)
        busy1, total1 = machine_ticks()
        if 100 * (busy1 - busy0) / max(total1 - total0, 1) < NOISY_PCT:
            return
        if time.monotonic() >= deadline:
            return


def lua_script(tmp, name, paths=None, stop_after=0):
    """A wrk script: the settings, then bench.lua."""
    settings = "nil" if not paths else "{" + ",".join(json.dumps(p) for p in paths) + "}"
    path = tmp / f"{name}.lua"
    path.write_text(
        f"BENCH = {{paths = {settings}, stop_after = {stop_after}}}\n"
        f"dofile({json.dumps(str(LUA_PROGRAM))})\n"
    )
    return path


def wrk(server, path, connections, threads, seconds, script, encoding, stop_threads=0):
    """Run wrk and read bench.lua's summary; with ``stop_threads``, interrupt it once that
    many threads report done. Afterwards wait until gunicorn has served what is still
    queued, so one run does not eat into the next."""
    url = f"http://127.0.0.1:{server.port}{path}"
    cmd = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", f"--timeout={WRK_TIMEOUT}"]
    if encoding == "gzip":
        cmd += ["-H", "Accept-Encoding: gzip"]
    meter = CpuMeter(server.proc.pid)
    started = time.monotonic()
    proc = subprocess.Popen(
        [*cmd, "-s", str(script), url], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    lines, finished, wall = [], 0, None
    try:
        for line in proc.stdout:
            lines.append(line)
            if stop_threads and line.strip() == "THREAD_DONE":
                finished += 1
                if finished == stop_threads:
                    wall = time.monotonic() - started
                    proc.send_signal(signal.SIGINT)  # wrk prints its summary at once
        proc.wait(timeout=seconds + 30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    cpu = meter.stop()
    server.drain()
    found = [line for line in lines if line.startswith("BENCH_JSON ")]
    if not found:
        raise BenchError(f"wrk gave no summary for {url}:\n{''.join(lines)[-2000:]}")
    data = json.loads(found[-1].removeprefix("BENCH_JSON "))
    if not stop_threads:
        data["seconds"] = data["duration_us"] / 1e6
    elif data["elapsed_us"] > 0:
        data["seconds"] = data["elapsed_us"] / 1e6
    else:  # no LuaJIT FFI clock: timed from here (includes wrk's start-up)
        data["seconds"] = wall or (time.monotonic() - started)
    data["cpu"] = cpu
    return data


def load_row(key, label, path, connections, encoding, data):
    requests, seconds = data["requests"], data["seconds"]
    return {
        "target": key,
        "label": label,
        "path": path,
        "connections": connections,
        "encoding": encoding,
        "requests": requests,
        "seconds": round(seconds, 3),
        "rps": round(requests / seconds, 1) if seconds else 0.0,
        **{f"p{n}_ms": round(data[f"p{n}_us"] / 1000, 2) for n in (50, 95, 99)},
        "non_2xx": data["non_2xx"],
        "socket_errors": {k: data[k] for k in ("connect", "read", "write", "timeout")},
        "server_cpu_ms": (
            round(1000 * data["cpu"]["gunicorn_cpu_s"] / requests, 2) if requests else None
        ),
        "cpu": data["cpu"],
        "attempts": data.get("attempts", 1),
    }


def measured(run_once, wait):
    """One measured run; with ``wait`` (--wait-quiet), start it on a quiet machine and
    repeat it (twice at most) when other processes took more than NOISY_PCT of the cores
    meanwhile, keeping the quietest attempt."""
    best = None
    for attempt in range(1, 4 if wait else 2):
        if wait:
            wait_quiet(wait)
        data = run_once()
        if best is None or data["cpu"]["other_pct"] < best["cpu"]["other_pct"]:
            best = data
        best["attempts"] = attempt
        if best["cpu"]["other_pct"] <= NOISY_PCT:
            break
        if wait and attempt < 3:
            print(f"    noisy ({data['cpu']['other_pct']:.0f}% other CPU): again", flush=True)
    return best


def run_load(server, uncached_server, tmp, args):
    """Every load run at every connection count, each row with its ratio to the static copy
    asked for the same way (gzip or plain)."""
    plain_script = lua_script(tmp, "pages")
    plans_script = lua_script(tmp, "plans", paths=plan_urls())
    rows = []
    for connections in args.connections:
        threads = min(args.threads, connections)
        # One wrk thread: when one of two threads stops first, the connections it leaves
        # open stall the other thread's for 2-8 s (wrk 4.1, even for a static file).
        cold = lua_script(tmp, f"cold-{connections}", stop_after=args.requests_cold)

        def cold_run(connections=connections, cold=cold):
            server.restart()  # empty caches, fresh workers
            return wrk(server, ROLE, connections, 1, 120, cold, "gzip", stop_threads=1)

        print(f"\n  {connections} connections: role page, cold (restarted gunicorn)", flush=True)
        label = f"role page, cold (first {args.requests_cold})"
        data = measured(cold_run, args.wait_quiet)
        rows.append(load_row("role_cold", label, ROLE, connections, "gzip", data))
        for key, label, path, uncached, encodings in STEADY:
            target = uncached_server if uncached else server
            script = plans_script if key == "new_plans" else plain_script
            shown = path + "?<answers at random>" if key == "new_plans" else path
            for encoding in encodings:
                if args.warmup:  # each worker's first render of a page is not steady state
                    wrk(target, path, connections, threads, args.warmup, script, encoding)
                print(f"  wrk {label}, {encoding}: {args.duration} s", flush=True)
                run = partial(
                    wrk, target, path, connections, threads, args.duration, script, encoding
                )
                data = measured(run, args.wait_quiet)
                rows.append(load_row(key, label, shown, connections, encoding, data))
    static = {(r["connections"], r["encoding"]): r["rps"] for r in rows if r["target"] == "static"}
    for row in rows:
        base = static.get((row["connections"], row["encoding"]))
        row["ratio"] = round(row["rps"] / base, 3) if base else None
    return rows
