"""The stylesheet keeps only the GOV.UK Frontend override classes the templates use, so a
template that starts using another one must find it there (a heading that should break a
long word at 320 px once scrolled sideways because its class was missing)."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OVERRIDE = re.compile(r"govuk-!-[a-z0-9-]+")


def test_every_override_class_a_template_uses_is_in_the_stylesheet():
    css = (ROOT / "static/css/site.css").read_text(encoding="utf-8").replace("\\!", "!")
    used = {
        name
        for path in (ROOT / "templates").rglob("*.html")
        for name in OVERRIDE.findall(path.read_text(encoding="utf-8"))
    }
    assert used, "no override class found: the pattern is wrong"
    assert {name for name in used if f".{name}" not in css} == set()
