"""What is measured, and the targets (issue 19)."""

import itertools
import random
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
STATIC_ROOT = BASE_DIR / "staticfiles"  # settings.STATIC_ROOT; not configurable by env
STATIC_COPY = STATIC_ROOT / "bench" / "role.html"  # with role.html.gz beside it
STATIC_COPY_URL = "/static/bench/role.html"

ROLE = "/careers/music-therapist/"
ENTRY_ROUTES = ROLE + "entry-routes/"
NEXT_STEPS = ROLE + "next-steps/"
PLANNER_RESULT = (
    NEXT_STEPS + "?stage=graduate&degree=music&practice=advanced"
    "&experience=1_to_2&employed=no&mode=full_time"
)

PAGES = [  # (name, URL): every journey page, the home page and a planner result
    ("home", "/"),
    ("role", ROLE),
    ("skills", ROLE + "skills/"),
    ("entry routes", ENTRY_ROUTES),
    ("qualifications", ROLE + "qualifications/"),
    ("progression", ROLE + "progression/"),
    ("next steps", NEXT_STEPS),
    ("planner result", PLANNER_RESULT),
]

GZIP = {"Accept-Encoding": "gzip"}  # what every browser sends (and more)

# Targets from issue 19.
CACHED_RATIO = 0.85  # cached pages against the static copy, both asked with gzip
UNCACHED_ROLE_RATIO = 0.2
NEW_PLANS_RATIO = 0.12
MAX_QUERIES = 6  # for any uncached page, the content version's read included
MAX_WIRE_BYTES = 25 * 1024  # the heaviest first view, headers included
P95_MS = 50.0  # cached pages at P95_CONNECTIONS (issue 6)
P95_CONNECTIONS = 50

WRK_TIMEOUT = "10s"  # a slower response counts as a timeout (and an error)
NOISY_PCT = 10.0  # other processes' share of the cores above which a run is noisy


def plan_urls(count=5000, seed=1):
    """Plans for ``count`` different sets of answers (every question answered), in a fixed
    random order: what visitors with their own answers ask for."""
    sys.path.insert(0, str(BASE_DIR))
    from pathways.planner import QUESTIONS

    combos = list(itertools.product(*QUESTIONS.values()))
    random.Random(seed).shuffle(combos)
    return [
        NEXT_STEPS + "?" + "&".join(f"{q}={a}" for q, a in zip(QUESTIONS, combo, strict=True))
        for combo in combos[:count]
    ]
