"""The dramatherapist's journey has no axe violations and no sideways scrolling, at phone and
desktop widths, as tests/browser/test_accessibility.py checks the music therapist's."""

import pytest
from playwright.sync_api import Page

from tests.browser.axe import assert_no_axe_violations
from tests.browser.test_accessibility import VIEWPORTS

pytestmark = pytest.mark.django_db(transaction=True)

ROLE = "/careers/dramatherapist/"
PAGES = [
    ROLE,
    ROLE + "skills/",
    ROLE + "entry-routes/",
    ROLE + "entry-routes/dramatherapist-postgraduate/",
    ROLE + "qualifications/",
    ROLE + "progression/",
    ROLE + "next-steps/",
    "/search/?q=drama+therapy",
]


@VIEWPORTS
def test_the_dramatherapist_pages_have_no_axe_violations_and_fit_the_screen(
    page: Page, live_server, seeded, viewport
):
    page.set_viewport_size(viewport)
    width = viewport["width"]
    failures = []
    for path in PAGES:
        response = page.goto(live_server.url + path)
        where = f"{path} at {width}px"
        if response.status != 200:
            failures.append(f"{where}: status {response.status}")
        try:
            assert_no_axe_violations(page)
        except AssertionError as error:
            failures.append(f"{where}: {error}")
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        if scroll_width > width:
            failures.append(f"{where}: scrolls sideways ({scroll_width}px wide)")
    assert not failures, "\n\n".join(failures)
