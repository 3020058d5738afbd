"""In-process CPU cost of rendering pages, for comparing code changes on a busy machine.

    .venv/bin/python scripts/render_cost.py            # median CPU ms per page, N=200
    .venv/bin/python scripts/render_cost.py --profile role  # cProfile of 200 uncached renders

Production settings, local-memory caches and a SQLite database made once in /tmp (like
``make bench``'s in-process step), the test client asking with gzip. ``uncached`` clears
the page cache before each request (page data and fragments stay built); ``new plans``
asks for plans for answers not asked for before in this content version; ``hit`` is a
page-cache hit. Process CPU time, so other processes' load changes it less than wall time.
"""

import argparse
import cProfile
import os
import pstats
import statistics
import subprocess
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(BASE_DIR))

from scripts.bench.pages import NEXT_STEPS, PAGES, plan_urls  # noqa: E402


def setup(database):
    env = {
        "DJANGO_ENV": "production",
        "DJANGO_SECRET_KEY": "render-cost-" + "x" * 50,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_LOG_LEVEL": "WARNING",
        "DATABASE_URL": f"sqlite:///{database}",
    }
    os.environ.pop("REDIS_URL", None)
    os.environ.update(env)
    if not Path(database).exists():
        for command in (["migrate", "--noinput"], ["seed"], ["collectstatic", "--noinput"]):
            subprocess.run(
                [sys.executable, "manage.py", *command],
                cwd=BASE_DIR,
                check=True,
                capture_output=True,
            )
    import django

    django.setup()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=200, help="requests per figure")
    parser.add_argument("--database", default="/tmp/render-cost.sqlite3")
    parser.add_argument("--profile", help="page name to profile uncached (or 'new plans')")
    parser.add_argument("--sort", default="cumulative")
    parser.add_argument(
        "--no-page-cache",
        action="store_true",
        help="PAGE_CACHE_SECONDS=0, as the benchmark's uncached server (hits are misses)",
    )
    parser.add_argument("--only", help="comma-separated page names to measure")
    args = parser.parse_args()
    if args.no_page_cache:
        os.environ["PAGE_CACHE_SECONDS"] = "0"
    setup(args.database)

    from django.core.cache import caches
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    pages_cache = caches["pages"]

    def get(url, gzip=True):
        headers = {"Accept-Encoding": "gzip"} if gzip else {}
        response = client.get(url, headers=headers)
        assert response.status_code == 200, (url, response.status_code)
        return response

    for _, url in PAGES:
        get(url)
    plans = plan_urls(args.n * 3, seed=3)
    for url in plans[: args.n]:  # plans for other answers built first, as under load
        get(url)

    def uncached(url):
        pages_cache.clear()
        start = time.process_time()
        get(url)
        return (time.process_time() - start) * 1000

    if args.profile:
        urls = dict(PAGES)
        profile = cProfile.Profile()
        if args.profile == "new plans":
            for url in plans[args.n : args.n * 2]:
                profile.runcall(get, url)
        elif args.profile.startswith("hit "):
            url = urls[args.profile[4:]]
            get(url)
            for _ in range(args.n):
                profile.runcall(get, url)
        else:
            for _ in range(args.n):
                pages_cache.clear()
                profile.runcall(get, urls[args.profile])
        pstats.Stats(profile).sort_stats(args.sort).print_stats(int(os.environ.get("ROWS", 45)))
        return

    rows = []
    only = args.only.split(",") if args.only else None
    for name, url in PAGES:
        if only and name not in only:
            continue
        cold = [uncached(url) for _ in range(args.n)]
        get(url)
        hits, plain = [], []
        for _ in range(args.n):
            start = time.process_time()
            get(url)
            hits.append((time.process_time() - start) * 1000)
            start = time.process_time()
            get(url, gzip=False)
            plain.append((time.process_time() - start) * 1000)
        rows.append((name, cold, hits, plain, len(get(url).content)))
    fresh = []
    for url in plans[args.n * 2 :] if not only or "new plans" in only else ():
        start = time.process_time()
        get(url)
        fresh.append((time.process_time() - start) * 1000)
    rows.append(("new plans", fresh, [], [], None))

    def med(values):
        return f"{statistics.median(values):.2f}" if values else "–"

    print(f"n={args.n}, median CPU ms per request, {NEXT_STEPS}")
    print("| page | uncached | hit, gzip | hit, plain | gzip bytes |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, cold, hits, plain, size in rows:
        print(f"| {name} | {med(cold)} | {med(hits)} | {med(plain)} | {size or '–'} |")


if __name__ == "__main__":
    main()
