import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.axe import assert_no_axe_violations
from tests.browser.keyboard import tab_to

pytestmark = pytest.mark.django_db(transaction=True)

URL = "/careers/music-therapist/next-steps/"


PHONE = {"width": 320, "height": 800}


def choose_by_keyboard(page, labels):
    for label in labels:
        radio = page.get_by_label(label, exact=True)
        tab_to(page, page.locator(f"input[name='{radio.get_attribute('name')}']").first)
        # Arrow keys move through a radio group, as they do for any keyboard user.
        while not radio.evaluate("el => el === document.activeElement"):
            page.keyboard.press("ArrowDown")
        page.keyboard.press("Space")
        expect(radio).to_be_checked()


def test_fill_the_planner_by_keyboard_then_follow_a_step_and_print(page: Page, live_server, seeded):
    page.goto(live_server.url + URL)
    assert_no_axe_violations(page)
    choose_by_keyboard(page, ["I have a degree", "Psychology", "Beginner", "None yet"])
    tab_to(page, page.get_by_role("button", name="Show my plan"))
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"stage=graduate&degree=psychology&practice=beginner"))
    plan = page.locator("ol#plan > li")
    expect(plan.first).to_have_attribute("id", "step-build-musicianship")
    expect(page.get_by_text("Do this next")).to_be_visible()
    assert_no_axe_violations(page)

    page.emulate_media(media="print")
    expect(page.locator("#questions")).to_be_hidden()
    expect(page.get_by_text(re.compile(r"Plan made .* at http"))).to_be_visible()
    page.emulate_media(media="screen")

    first_link = plan.first.get_by_role("link", name=re.compile("Read more"))
    tab_to(page, first_link)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/careers/music-therapist/skills/$"))


def test_planner_error_state_is_accessible_and_links_to_the_question(
    page: Page, live_server, seeded
):
    page.goto(live_server.url + URL + "?stage=astronaut")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Choose one of the answers listed for “Where are you now?”")
    assert_no_axe_violations(page)
    summary.get_by_role("link").first.click()
    expect(page.locator("#id_stage_1")).to_be_focused()


def test_copy_link_button_appears_with_javascript_and_shows_the_plan_url(
    page: Page, live_server, seeded
):
    page.goto(live_server.url + URL + "?stage=school&practice=developing")
    expect(page.locator("#plan-url")).to_have_value(re.compile(r"stage=school&practice=developing"))
    expect(page.get_by_role("button", name="Copy link").last).to_be_visible()
    expect(page.get_by_role("button", name="Print this plan")).to_be_visible()


def test_on_a_phone_the_new_questions_give_a_plan_with_money_that_prints(
    page: Page, live_server, seeded
):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + URL)
    choose_by_keyboard(
        page, ["Working, and thinking of a career change", "Music", "Scotland", "25 or over"]
    )
    tab_to(page, page.get_by_role("button", name="Show my plan"))
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"nation=scotland&age=25_or_over"))
    expect(page.locator("#heard")).to_contain_text("Scotland")
    expect(page.locator("#route-apprenticeship")).to_have_count(0)
    expect(page.locator("#checks")).to_contain_text("PVG")
    money = page.locator("#money")
    money.scroll_into_view_if_needed()
    expect(money).to_be_visible()
    expect(money).to_contain_text("Course fees")
    expect(money).to_contain_text("SAAS")
    expect(page.locator("#left-to-find")).to_contain_text("Left to find")
    for bar in page.locator("svg .app-timeline__row").all():
        expect(bar.locator("text")).not_to_be_empty()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_no_axe_violations(page)

    page.emulate_media(media="print")
    expect(page.locator("#money")).to_be_visible()
    expect(page.locator("#questions")).to_be_hidden()
    assert page.pdf()[:4] == b"%PDF"
    page.emulate_media(media="screen")


def test_an_empty_form_on_a_phone_says_what_to_answer(page: Page, live_server, seeded):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + URL)
    tab_to(page, page.get_by_role("button", name="Show my plan"))
    page.keyboard.press("Enter")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Where are you now?")
    assert_no_axe_violations(page)
    summary.get_by_role("link").first.click()
    expect(page.locator("#id_stage_1")).to_be_focused()
