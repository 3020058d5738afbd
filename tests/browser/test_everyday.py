"""What a phone visitor sees first, and what a printout holds (real Chromium)."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.axe import assert_no_axe_violations

pytestmark = pytest.mark.django_db(transaction=True)

PLAN = "/careers/music-therapist/next-steps/?stage=graduate&degree=music&practice=advanced"
PHONES = [{"width": 320, "height": 568}, {"width": 375, "height": 667}]


@pytest.mark.parametrize("viewport", PHONES, ids=["320", "375"])
def test_key_facts_are_in_the_first_screen_on_a_phone(page: Page, live_server, seeded, viewport):
    page.set_viewport_size(viewport)
    page.goto(live_server.url + "/careers/music-therapist/")
    panel = page.locator(".app-key-facts")
    expect(panel.get_by_text("Starting pay")).to_be_visible()
    # Below the plain first sentence, the starting pay and its year still fit the first screen.
    pay = panel.locator("dd").first.bounding_box()
    assert pay["y"] + pay["height"] <= viewport["height"]
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    assert_no_axe_violations(page)
    panel.get_by_role("link", name="Get your next steps").click()
    expect(page.locator("h1")).to_contain_text("next")


def test_printing_opens_collapsed_sections_and_lists_links(page: Page, live_server, seeded):
    page.goto(live_server.url + PLAN)
    assert page.locator("main details:not([open])").count() > 1
    page.emulate_media(media="print")
    expect(page.locator(".app-print-links")).to_be_visible()
    expect(page.locator(".app-share").first).to_be_hidden()
    hidden_on_paper = page.evaluate(
        """[...document.querySelectorAll("main details")]
            .filter(d => !d.closest(".app-no-print"))
            .map(d => d.querySelector(".govuk-details__text"))
            .filter(text => !text.checkVisibility()).length"""
    )
    assert hidden_on_paper == 0
    assert page.pdf(format="A4")[:4] == b"%PDF"


TYPICAL_PLAN = (
    "/careers/music-therapist/next-steps/?stage=graduate&degree=music&practice=advanced"
    "&experience=1_to_2&employed=yes&mode=full_time&nation=england&age=22_to_24"
)


def pdf_pages(page: Page) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", page.pdf(format="A4")))


def test_a_typical_plan_prints_as_a_short_handout(page: Page, live_server, seeded):
    """Issue 12 asks for at most three A4 pages; the plan printed on 11 to 23 before the
    print styles, and on four or five with smaller type only. Three, and still with all a
    reader needs: the routes and who pays, the timeline as a table, the steps, the courses,
    the check, the money, the sources (each section's own list since issue 16) and the
    links' addresses."""
    page.goto(live_server.url + TYPICAL_PLAN)
    page.emulate_media(media="print")
    for part in (
        "#routes .app-route-who-pays",
        "#timeline table",
        "#plan",
        "#courses table",
        "#checks",
        "#money table",
        "#left-to-find",
        "#courses-sources",
        "#money-sources",
        ".app-print-links",
    ):
        expect(page.locator(part).first).to_be_visible()
    expect(page.locator("#timeline svg")).to_be_hidden()
    assert 1 < pdf_pages(page) <= 3


def test_the_role_page_prints_shorter_than_it_did(page: Page, live_server, seeded):
    """No page limit for the role page, but it printed on six A4 pages before the plan's
    handout styles and on four with them: it must not grow back."""
    page.goto(live_server.url + "/careers/music-therapist/")
    page.emulate_media(media="print")
    expect(page.locator(".app-key-facts")).to_be_visible()
    expect(page.locator(".app-print-links")).to_be_visible()
    assert 1 < pdf_pages(page) <= 5
