"""A pointer user walks the journey by its Next links. Axe checks every page at both
widths in test_accessibility.py, which also walks it by keyboard."""

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 320, "height": 800}
DESKTOP = {"width": 1280, "height": 900}


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_walk_the_journey_from_home_to_the_planner_by_next_links(
    page: Page, live_server, seeded, viewport
):
    page.set_viewport_size(viewport)
    page.goto(live_server.url + "/")
    page.get_by_role("button", name=re.compile("Start")).click()
    for number, title in enumerate(
        [
            "What is this job",
            "Is it for me",
            "How do I get in",
            "Qualifications and registration",
            "Where can it lead",
            "What do I do next",
        ],
        start=1,
    ):
        expect(page.locator(".app-step-indicator")).to_have_text(f"Step {number} of 6: {title}")
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        if number < 6:
            page.get_by_role("link", name=re.compile(r"^Next step")).click()
    expect(page).to_have_url(re.compile(r"/careers/music-therapist/next-steps/$"))
