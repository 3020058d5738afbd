"""The apps depend one way (core ← careers ← pathways), and the lint rule says so."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RUFF = Path(sys.executable).parent / "ruff"


@pytest.mark.parametrize(
    ("app", "imported", "banned"),
    [
        ("core", "careers.models", True),
        ("core", "config.settings", True),
        ("careers", "pathways.models", True),
        ("careers", "search.documents", True),
        ("pathways", "search.documents", True),
        ("pathways", "feedback.models", True),
        ("feedback", "careers.models", True),
        ("search", "feedback.models", True),
        ("careers", "core.models", False),
        ("pathways", "careers.models", False),
        ("search", "pathways.models", False),
    ],
)
def test_make_lint_bans_imports_against_the_layout(app, imported, banned):
    found = subprocess.run(
        [RUFF, "check", "--no-cache", "--stdin-filename", f"{app}/layout_probe.py", "-"],
        input=f"import {imported}  # noqa: F401\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert ("TID251" in found.stdout) == banned, found.stdout


def test_each_app_adds_its_own_journey_steps_and_role_page_lists():
    from careers.models import ADDED_ROLE_PAGE_LISTS
    from core.journey import JOURNEY

    assert [step.url_name.split(":")[0] for step in JOURNEY] == ["careers"] * 2 + ["pathways"] * 4
    assert list(ADDED_ROLE_PAGE_LISTS) == ["qualifications", "entry_routes", "home_fees"]


@pytest.mark.parametrize(
    ("code", "names"),
    [
        (["core/*.py", "core/templatetags/*.py"], ("careers:", "pathways:", "search:")),
        (["careers/*.py", "templates/careers/*.html"], ("pathways:",)),
    ],
)
def test_shared_and_careers_code_name_no_page_of_the_apps_above_them(code, names):
    """URL names are strings, which the lint rule cannot see: careers reaches the planner
    through the journey and a route's page through the link pathways gives its list."""
    files = [path for pattern in code for path in ROOT.glob(pattern)]
    assert files
    for path in files:
        text = path.read_text()
        for name in names:
            assert f'"{name}' not in text and f"'{name}" not in text, f"{path} names {name}"
