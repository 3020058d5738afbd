import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.axe import assert_no_axe_violations

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_misspelt_search_offers_its_correction_with_no_axe_violations(
    page: Page, live_server, seeded
):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(live_server.url + "/search/?q=theripist")
    suggestion = page.get_by_role("link", name="therapist", exact=True)
    expect(suggestion).to_be_visible()
    assert_no_axe_violations(page)
    suggestion.click()
    expect(page.locator("#id_q")).to_have_value("therapist")
    page.locator("ol[aria-labelledby=results-heading] a").first.click()
    expect(page).to_have_url(re.compile(r"/careers/.+#.+"))
    fragment = page.evaluate("location.hash.slice(1)")
    expect(page.locator(f"#{fragment}")).to_be_attached()
