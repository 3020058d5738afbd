"""Memory per worker after many random plans across content versions and Host headers.

    DATABASE_URL=sqlite:////tmp/site.sqlite3 python scripts/objects_memory.py [plans] [versions]

Runs in one process, as one worker would: production-like settings without the page
cache (so every plan goes through the objects cache), asked as a browser asks (gzip, so
kept pages keep compressed copies too), a seeded database, and between
versions the content version moved as an editor's save would. Prints the resident memory
and the objects cache's entries after each version.
"""

import os
import random
import resource
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("PAGE_CACHE_SECONDS", "0")
os.environ.setdefault("CONTENT_VERSION_TTL", "0")
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import django  # noqa: E402

django.setup()

from django.core.cache import caches  # noqa: E402
from django.test import Client  # noqa: E402

from core.versions import replace_version  # noqa: E402
from pathways.forms import PlannerForm  # noqa: E402


def rss_mb():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def random_plan(choices):
    answers = {name: random.choice(values) for name, values in choices.items()}
    return {name: value for name, value in answers.items() if value}


def main(plans=20000, versions=20):
    form = PlannerForm({})
    choices = {
        name: [str(value) for value, _ in field.choices] for name, field in form.fields.items()
    }
    client = Client()
    per_version = plans // versions
    for version in range(versions):
        replace_version()
        for n in range(per_version):
            host = f"127.0.0.1:{random.randint(1, 65535)}"
            query = "&".join(f"{k}={v}" for k, v in random_plan(choices).items())
            url = f"/careers/music-therapist/next-steps/?{query}&show=plan"
            client.get(url, HTTP_HOST=host, HTTP_ACCEPT_ENCODING="gzip, br")
            if n % 50 == 0:
                client.get(
                    "/careers/music-therapist/qualifications/",
                    HTTP_HOST=host,
                    HTTP_ACCEPT_ENCODING="gzip, br",
                )
        print(
            f"version {version + 1:2d}: {rss_mb():6.1f} MB resident, "
            f"{len(caches['objects']):5d} objects-cache entries",
            flush=True,
        )


if __name__ == "__main__":
    main(*(int(arg) for arg in sys.argv[1:3]))
