"""The targets (PASS/MISS) and the one report: Markdown, printed and written to a file."""

from .pages import (
    CACHED_RATIO,
    MAX_QUERIES,
    MAX_WIRE_BYTES,
    NEW_PLANS_RATIO,
    NOISY_PCT,
    P95_CONNECTIONS,
    P95_MS,
    UNCACHED_ROLE_RATIO,
)

CACHED = ("role_warm", "entry_routes", "planner")


def ratio_target(targets, load, name, keys, floor):
    rows = [r for r in load if r["target"] in keys and r["encoding"] == "gzip"]
    targets.append(
        {
            "target": f"{name} ≥ {floor}× the static copy (both gzip)",
            "ok": all((r["ratio"] or 0) >= floor for r in rows),
            "detail": "; ".join(
                f"{r['label']} @{r['connections']}: {r['ratio'] or 0:.2f}× ({r['rps']:,.0f} req/s)"
                for r in rows
            ),
        }
    )


def load_targets(load):
    targets = []
    ratio_target(targets, load, "cached pages", CACHED, CACHED_RATIO)
    ratio_target(targets, load, "uncached role page", ("role_uncached",), UNCACHED_ROLE_RATIO)
    ratio_target(targets, load, "plans for new answers", ("new_plans",), NEW_PLANS_RATIO)
    at = P95_CONNECTIONS if any(r["connections"] == P95_CONNECTIONS for r in load) else None
    cached = [r for r in load if r["target"] in CACHED and r["connections"] == at]
    if cached:
        targets.append(
            {
                "target": f"p95 ≤ {P95_MS:.0f} ms at {at} connections, cached pages",
                "ok": all(r["p95_ms"] <= P95_MS for r in cached),
                "detail": "; ".join(
                    f"{r['label']}, {r['encoding']}: {r['p95_ms']:.1f} ms" for r in cached
                ),
            }
        )
    bad = [r for r in load if r["non_2xx"] or any(r["socket_errors"].values())]
    targets.append(
        {
            "target": "0 errors (non-2xx, socket errors, timeouts) in every load run",
            "ok": not bad,
            "detail": "; ".join(
                f"{r['label']} @{r['connections']}: {r['non_2xx']} non-2xx, {r['socket_errors']}"
                for r in bad
            )
            or f"{sum(r['requests'] for r in load):,} responses, all 2xx",
        }
    )
    return targets


def check_targets(load, queries, weights):
    targets = load_targets(load) if load else []
    most = max(queries, key=lambda q: q["queries"])
    failed = [q for q in queries if q["status"] != 200]
    targets.append(
        {
            "target": f"≤ {MAX_QUERIES} SQL queries for any uncached page",
            "ok": most["queries"] <= MAX_QUERIES and not failed,
            "detail": f"most: {most['page']}, {most['queries']} (after a content change: "
            f"{max(q['built_queries'] for q in queries)} at most, once per process)"
            + "".join(f"; {q['page']} answered {q['status']}" for q in failed),
        }
    )
    heaviest = max(weights, key=lambda w: w["wire_bytes"])
    targets.append(
        {
            "target": f"the heaviest first view ≤ {MAX_WIRE_BYTES // 1024} KB on the wire",
            "ok": heaviest["wire_bytes"] <= MAX_WIRE_BYTES,
            "detail": f"{heaviest['page']}: {heaviest['wire_bytes'] / 1024:.1f} KB "
            f"in {heaviest['requests']} requests",
        }
    )
    for target in targets:
        target["result"] = "PASS" if target.pop("ok") else "MISS"
    return targets


def table(head, rows):
    """A Markdown table; columns whose heading starts with '#' are numbers (right-aligned)."""
    names = [h.lstrip("#") for h in head]
    rule = ["---:" if h.startswith("#") else "---" for h in head]
    lines = ["| " + " | ".join(names) + " |", "| " + " | ".join(rule) + " |"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def number(value, places=2):
    return "–" if value is None else f"{value:,.{places}f}"


def markdown(report):
    """Every figure of a run, as Markdown: printed, written to reports/bench.md, ready to
    paste into docs/performance.md."""
    m, s, c = report["machine"], report["settings"], report["cache"]
    parts = [
        f"Run {report['date']} on {m['cores']} cores (wrk on the same cores), gunicorn "
        f"{s['workers']} sync workers, wrk -t{s['threads']}, {s['duration_s']} s per run, "
        f"{s['database']}; {report['noisy_runs']} load runs disturbed by other processes "
        f"(over {NOISY_PCT:.0f}% of the cores). Page cache "
        + ("on" if c["page_cache"] else "NOT DETECTED")
        + ("; undeclared parameters MISS it." if c["undeclared_parameters_miss"] else ".")
    ]
    if report["load"]:
        head = ["target", "Accept-Encoding", "#connections", "#req/s", "#× static", "#p50 ms"]
        head += ["#p95 ms", "#p99 ms", "#non-2xx", "#gunicorn CPU ms per response"]
        head += ["#other processes' CPU"]
        rows = [
            [r["label"], r["encoding"], r["connections"], number(r["rps"], 0)]
            + [number(r["ratio"]), number(r["p50_ms"], 1), number(r["p95_ms"], 1)]
            + [number(r["p99_ms"], 1), r["non_2xx"], number(r["server_cpu_ms"])]
            + [f"{r['cpu']['other_pct']:.0f}%"]
            for r in report["load"]
        ]
        parts.append(table(head, rows))
    head = ["page", "#queries, new content version", "#queries, uncached", "#queries, cached"]
    head += ["#CPU ms, new content version"]
    head += ["#CPU ms uncached", "#CPU ms cached, gzip", "#CPU ms cached, plain"]
    rows = [
        [q["page"], q["built_queries"], q["queries"], q["warm_queries"]]
        + [number(q["cold_cpu_ms"], 1)]
        + [number(q["uncached_cpu_ms"], 1), number(q["warm_cpu_ms"])]
        + [number(q["warm_plain_cpu_ms"])]
        for q in report["queries"]
    ]
    parts.append(table(head, rows))
    head = ["page", "#requests", "#KB on the wire", "#HTML KB as sent", "HTML encoding"]
    head += ["#HTML gzip -9 KB"]
    rows = [
        [w["page"], w["requests"], number(w["wire_bytes"] / 1024, 1)]
        + [number(w["html_bytes"] / 1024, 1), w["html_encoding"]]
        + [number(w["html_gzip9_bytes"] / 1024, 1)]
        for w in report["weight"]
    ]
    parts.append(table(head, rows))
    rows = [[t["target"], t["result"], t["detail"]] for t in report["targets"]]
    parts.append(table(["target", "result", "figures"], rows))
    return "\n\n".join(parts) + "\n"
