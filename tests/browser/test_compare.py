"""The compare page in a browser: one card per role on a phone with the same rows in the
same order, a table on a desktop, at most two A4 pages on paper, and no axe violations on it
or on the pages linking to it."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.axe import assert_no_axe_violations

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 375, "height": 667}
SMALL_PHONE = {"width": 320, "height": 568}
DESKTOP = {"width": 1280, "height": 800}
THREE = "/careers/compare/?roles=art-therapist&roles=dramatherapist&roles=music-therapist"


def pdf_pages(page: Page) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", page.pdf(format="A4")))


def test_on_a_phone_each_role_is_a_card_with_the_same_rows_in_the_same_order(
    page: Page, live_server, seeded
):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + THREE)
    expect(page.locator(".app-compare-wide")).to_be_hidden()
    cards = page.locator(".app-compare-card")
    expect(cards).to_have_count(3)
    orders = []
    for card in cards.all():
        expect(card).to_be_visible()
        orders.append(
            card.locator("[data-row]").evaluate_all("rows => rows.map(r => r.dataset.row)")
        )
    assert orders[0] == orders[1] == orders[2]
    assert orders[0][0] == "art-form" and "pay" in orders[0] and len(orders[0]) == 14
    expect(cards.first.locator("h2")).to_have_text("Art therapist or art psychotherapist")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_on_a_desktop_the_roles_are_columns_of_one_table(page: Page, live_server, seeded):
    page.set_viewport_size(DESKTOP)
    page.goto(live_server.url + THREE)
    expect(page.locator(".app-compare-cards")).to_be_hidden()
    headings = page.locator(".app-compare--roles thead th")
    expect(headings).to_have_text(
        ["Art therapist or art psychotherapist", "Dramatherapist", "Music therapist"]
    )
    expect(page.locator("#row-pay td").first).to_contain_text("£")


def test_three_roles_print_on_at_most_two_a4_pages(page: Page, live_server, seeded):
    page.goto(live_server.url + THREE)
    page.emulate_media(media="print")
    expect(page.locator(".app-compare--roles")).to_be_visible()
    expect(page.locator(".app-compare-cards")).to_be_hidden()
    expect(page.locator("#choose-roles")).to_be_hidden()
    expect(page.locator("#row-pay .app-compare__sources").first).to_be_visible()
    pages = pdf_pages(page)
    print(f"three roles print on {pages} A4 pages")
    assert pages <= 2


@pytest.mark.parametrize("viewport", [SMALL_PHONE, DESKTOP], ids=["320px", "1280px"])
def test_no_axe_violations(page: Page, live_server, seeded, viewport):
    page.set_viewport_size(viewport)
    for path, status in [
        (THREE, 200),
        ("/careers/compare/", 200),
        ("/careers/compare/?roles=art-therapist&roles=nope", 404),
        ("/careers/compare/?roles=art-therapist&roles=art-therapist", 400),
        # A search naming two roles links to it; test_accessibility checks the other pages
        # that do (the home page, the family, each role's page) at the same widths.
        ("/search/?q=art+therapy+or+dramatherapy", 200),
    ]:
        response = page.goto(live_server.url + path)
        assert response.status == status, path
        assert_no_axe_violations(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"], path
