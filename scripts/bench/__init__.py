"""Benchmark the site the way it is deployed, on one machine, in one run (``make bench``).

Starts gunicorn in production mode on a free 127.0.0.1 port against a throwaway, seeded
SQLite database (or DATABASE_URL when set), then measures:

* load, with ``wrk`` (``load.py``, ``bench.lua``), each run asked as browsers ask
  (``Accept-Encoding: gzip``) and, for the cached pages and the static copy, also plain:
  requests/s against a static copy of the role page (the same bytes, pre-compressed beside
  it, served by WhiteNoise), latency percentiles and errors;
* SQL queries and CPU time per page, in-process with Django's test client, the queries
  captured with ``CaptureQueriesContext`` (``queries.py``);
* the weight of each page's first view as sent on the wire (``weight.py``).

It prints one Markdown report, writes it to reports/bench.md and the raw figures to
reports/bench.json (``report.py``). A MISS still exits 0: this is a measurement, not a
test. It exits 1 when wrk is missing, 2 when a step failed, 130 when interrupted; gunicorn
is always stopped on the way out. See docs/performance.md.
"""
