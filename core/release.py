"""The release: a short name for the code, templates, static files and settings a process
runs, worked out when it starts, with nothing to set by hand.

Every shared cache key carries it, so two releases sharing one Redis (a rolling deploy, or
two checkouts) never serve each other's pages. It is a hash of

- the commit, where the environment gives one (``GIT_COMMIT``, ``SOURCE_VERSION``,
  ``RELEASE`` and the like);
- every template and Python file of the project (``BASE_DIR``, the virtualenv and tests left
  out) and the static files' manifest (``staticfiles.json``) when there is one;
- the project's own settings (secrets and connection settings left out).
"""

import hashlib
import os
from functools import cache
from importlib import import_module
from pathlib import Path

from django.conf import settings

COMMIT_VARIABLES = ("RELEASE", "GIT_COMMIT", "SOURCE_VERSION", "COMMIT_SHA", "GITHUB_SHA")
SKIPPED_FOLDERS = {"venv", "node_modules", "tests", "staticfiles", "build", "scripts"}
TEMPLATE_SUFFIXES = (".html", ".txt", ".xml")
UNHASHED_SETTINGS = {"SECRET_KEY", "DATABASES", "CACHES", "REDIS_URL", "OBJECT_CACHE"}


@cache
def release():
    digest = hashlib.sha256()
    for name in COMMIT_VARIABLES:
        digest.update(f"{name}={os.environ.get(name, '')}\n".encode())
    for path in project_files():
        digest.update(str(path.relative_to(settings.BASE_DIR)).encode())
        digest.update(path.read_bytes())
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if manifest.is_file():
        digest.update(manifest.read_bytes())
    module = import_module(os.environ.get("DJANGO_SETTINGS_MODULE", "config.settings"))
    for name in sorted(vars(module)):
        if name.isupper() and name not in UNHASHED_SETTINGS:
            digest.update(f"{name}={getattr(module, name)!r}\n".encode())
    return digest.hexdigest()[:12]


def project_files():
    base = Path(settings.BASE_DIR)
    found = []
    for folder, subfolders, names in os.walk(base):
        subfolders[:] = [
            name
            for name in subfolders
            if name not in SKIPPED_FOLDERS and not name.startswith((".", "__"))
        ]
        in_templates = "templates" in Path(folder).relative_to(base).parts
        for name in names:
            if name.endswith(".py") or (in_templates and name.endswith(TEMPLATE_SUFFIXES)):
                found.append(Path(folder, name))
    return sorted(found)
