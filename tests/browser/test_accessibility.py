"""Accessibility everywhere: axe-core on every page and form state, at phone and desktop
widths (the other roles' pages at the phone's), and the journey and planner walked with the
keyboard alone."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.axe import assert_no_axe_violations
from tests.browser.keyboard import tab_to
from tests.test_journey import journey

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 320, "height": 800}
DESKTOP = {"width": 1280, "height": 900}
VIEWPORTS = pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["320px", "1280px"])

ROLE = "/careers/music-therapist/"
ART = "/careers/art-therapist/"
DRAMA = "/careers/dramatherapist/"
SEARCH = "/search/"
SKILLS = ROLE + "skills/"
PLANNER = ROLE + "next-steps/"
FULL_ANSWERS = (
    "stage=professional&degree=psychology&practice=developing"
    "&experience=under_1&employed=yes&mode=part_time"
)
JOURNEY = journey(ROLE)


def role_pages(role_url, role_slug):
    """Another arts therapy's journey pages and its postgraduate route's page."""
    return [
        *((url, 200) for url, _ in journey(role_url)),
        (role_url + f"entry-routes/{role_slug}-postgraduate/", 200),
    ]


# Every page of the URL contract, and every state (empty, error, result) of each form,
# with the status each must answer. Each page once: a form's state that is a page of the
# contract (search results, the self-check and the planner before an answer) is checked there.
PAGES = {
    "contract": [
        ("/", 200),
        ("/careers/", 200),
        *((url, 200) for url, _ in JOURNEY),
        (ROLE + "entry-routes/postgraduate/", 200),
        (ROLE + "entry-routes/apprenticeship/", 200),
        (SEARCH + "?q=music", 200),
        ("/careers/no-such-role/", 404),
        ("/accessibility/", 200),
        ("/about/", 200),
        ("/privacy/", 200),
        ("/careers/glossary/", 200),
    ],
    "search": [
        (SEARCH, 200),
        (SEARCH + "?q=" + "a" * 300, 400),
    ],
    "self-check": [
        (SKILLS + "?have=bogus", 400),
        (SKILLS + "?have=musicianship", 200),
    ],
    "school": [
        (ROLE + "entry-routes/#school", 200),
        (PLANNER + "?stage=school&degree=music&practice=developing&nation=wales", 200),
    ],
    "planner": [
        (PLANNER + "?stage=bogus", 400),
        (PLANNER + "?" + FULL_ANSWERS, 200),
    ],
    "art-therapist": [*role_pages(ART, "art-therapist"), (SEARCH + "?q=art+psychotherapy", 200)],
    "dramatherapist": [*role_pages(DRAMA, "dramatherapist"), (SEARCH + "?q=drama+therapy", 200)],
}
GOVUK_FOCUS_YELLOW = "rgb(255, 221, 0)"


# The other roles' pages are the music therapist's templates with other content, checked
# at both widths in "contract": at the phone's width is enough for their content.
PHONE_ONLY = {"art-therapist", "dramatherapist"}
GROUPS_AND_WIDTHS = [
    pytest.param(group, viewport, id=f"{viewport['width']}px-{group}")
    for viewport in (PHONE, DESKTOP)
    for group in PAGES
    if viewport is PHONE or group not in PHONE_ONLY
]


@pytest.mark.parametrize(("group", "viewport"), GROUPS_AND_WIDTHS)
def test_no_axe_violations_and_no_sideways_scrolling(
    page: Page, live_server, seeded, group, viewport
):
    page.set_viewport_size(viewport)
    width = viewport["width"]
    failures = []
    for path, status in PAGES[group]:
        response = page.goto(live_server.url + path)
        where = f"{path[:60]} at {width}px"
        if response.status != status:
            failures.append(f"{where}: status {response.status}, expected {status}")
        try:
            assert_no_axe_violations(page)
        except AssertionError as error:
            failures.append(f"{where}: {error}")
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        if scroll_width > width:
            failures.append(f"{where}: scrolls sideways ({scroll_width}px wide)")
    assert not failures, "\n\n".join(failures)


def focus_colour(locator):
    return locator.evaluate("el => getComputedStyle(el).backgroundColor")


@VIEWPORTS
def test_walk_the_journey_and_make_a_plan_with_the_keyboard_alone(
    page: Page, live_server, seeded, viewport
):
    page.set_viewport_size(viewport)
    page.goto(live_server.url + "/")
    statement = page.locator("footer").get_by_role("link", name="Accessibility statement")
    expect(statement).to_have_attribute("href", "/accessibility/")

    start = page.get_by_role("button", name=re.compile("^Start"))
    tab_to(page, start)
    expect(start).to_be_in_viewport()
    assert focus_colour(start) == GOVUK_FOCUS_YELLOW, "the start button shows no focus"
    page.keyboard.press("Enter")

    for number, (url, title) in enumerate(JOURNEY, start=1):
        expect(page).to_have_url(live_server.url + url)
        indicator = page.locator(".app-step-indicator")
        expect(indicator).to_have_text(f"Step {number} of 6: {title}")
        if number == len(JOURNEY):
            break
        next_link = page.get_by_role("link", name=re.compile(r"^Next step"))
        tab_to(page, next_link)
        expect(next_link).to_be_focused()
        expect(next_link).to_be_in_viewport()
        assert focus_colour(next_link) == GOVUK_FOCUS_YELLOW, f"no visible focus on {url}"
        page.keyboard.press("Enter")

    # The planner: Tab into each radio group, arrow to the answer, Space to choose it.
    answers = {
        "stage": "I have a degree",
        "degree": "Music",
        "practice": "Advanced: audition-ready, for example degree-level performance",
        "experience": "One to two years",
    }
    for name, label in answers.items():
        radio = page.get_by_label(label, exact=True)
        tab_to(page, page.locator(f"input[name='{name}']").first)
        for _ in range(10):
            if radio.evaluate("el => el === document.activeElement"):
                break
            page.keyboard.press("ArrowDown")
        page.keyboard.press("Space")
        expect(radio).to_be_checked()
        expect(radio).to_be_focused()
    submit = page.get_by_role("button", name="Show my plan")
    tab_to(page, submit)
    assert focus_colour(submit) == GOVUK_FOCUS_YELLOW, "the submit button shows no focus"
    page.keyboard.press("Enter")

    # The form sends the visitor to their plan (#your-plan), so the next Tab goes into it.
    plan_url = PLANNER + "?stage=graduate&degree=music&practice=advanced&experience=1_to_2"
    expect(page).to_have_url(live_server.url + plan_url + "&show=plan#your-plan")
    expect(page.locator("ol#plan")).to_be_visible()
    expect(page.locator("ol#plan > li").first).to_contain_text("Do this next")
    expect(page.locator("#plan-heading")).to_be_in_viewport()
    page.keyboard.press("Tab")
    first_link = page.locator("#your-plan").get_by_role(
        "link", name=re.compile("^Link to this section")
    )
    expect(first_link).to_be_focused()
    assert focus_colour(first_link) == GOVUK_FOCUS_YELLOW, "no visible focus in the plan"
    assert_no_axe_violations(page)
