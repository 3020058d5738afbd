import pytest
from playwright.sync_api import Page, expect

from tests.browser.axe import assert_no_axe_violations

pytestmark = pytest.mark.django_db(transaction=True)


def test_skip_link_moves_keyboard_focus_to_main_content(page: Page, live_server, seeded):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Skip to main content")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator("main#main-content")).to_be_focused()


def test_home_page_has_no_axe_violations(page: Page, live_server, seeded):
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_no_axe_violations(page)


def test_home_page_fits_a_320px_phone_without_sideways_scrolling(page: Page, live_server, seeded):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(live_server.url + "/")
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 320
    assert_no_axe_violations(page)
