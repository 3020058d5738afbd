"""On a phone with JavaScript off, a word in the key facts opens its definition where it
stands, and the page still has no accessibility faults with the definition open."""

import pytest
from playwright.sync_api import expect

from tests.browser.axe import assert_no_axe_violations

pytestmark = pytest.mark.django_db(transaction=True)

ROLE = "/careers/music-therapist/"
PHONE = {"width": 320, "height": 800}


def test_a_key_facts_term_opens_its_definition_in_place_without_javascript(
    browser, live_server, seeded
):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + ROLE)
    facts = page.locator(".app-key-facts")
    definition = facts.locator("#define-hcpc .app-define__text")
    expect(definition).to_be_hidden()
    facts.locator("#define-hcpc summary").click()
    expect(definition).to_be_visible()
    expect(definition).to_contain_text("Health and Care Professions Council")
    expect(definition.get_by_role("link", name="HCPC in the glossary")).to_have_attribute(
        "href", "/careers/glossary/#term-hcpc"
    )
    assert page.url == live_server.url + ROLE, "the reader stays on the page"
    for term in ("nhs-band", "masters-degree"):
        expect(facts.locator(f"#define-{term} summary")).to_be_visible()
    context.close()


def test_open_definitions_keep_the_page_free_of_accessibility_faults(page, live_server, seeded):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + ROLE)
    for summary in page.locator(".app-key-facts details.app-define summary").all():
        summary.click()
    expect(page.locator(".app-key-facts details.app-define[open]")).to_have_count(4)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_no_axe_violations(page)
