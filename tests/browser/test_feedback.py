import pytest
from playwright.sync_api import Page, expect

from feedback.models import Feedback
from tests.browser.axe import assert_no_axe_violations

pytestmark = pytest.mark.django_db(transaction=True)

ROLE = "/careers/music-therapist/"
PHONE = {"width": 320, "height": 640}


def test_feedback_form_sends_an_answer_without_javascript_or_cookies(browser, live_server, seeded):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + ROLE)
    form = page.locator("form.app-feedback")
    expect(form.get_by_role("heading", name="Is this page useful?")).to_be_visible()
    expect(page.locator("#feedback-website")).to_be_hidden()
    form.get_by_label("Anything to tell us? (optional)").fill("<b>Clear</b>, thank you")
    form.get_by_role("button", name="Yes this page is useful").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you for your feedback")
    assert context.cookies() == []
    feedback = Feedback.objects.get()
    assert (feedback.path, feedback.is_useful) == (ROLE, True)
    assert feedback.comment == "<b>Clear</b>, thank you"
    page.get_by_role("link", name="Go back to the page you were reading").click()
    expect(page).to_have_url(live_server.url + ROLE)
    context.close()


def test_feedback_form_and_its_answers_have_no_axe_violations_at_320px(
    page: Page, live_server, seeded
):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + ROLE)
    expect(page.locator("form.app-feedback")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_no_axe_violations(page)
    comment = page.locator("#feedback-comment")
    comment.evaluate("element => element.removeAttribute('maxlength')")
    comment.fill("x" * 501)
    page.get_by_role("button", name="No this page is not useful").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your feedback was not sent")
    expect(page.get_by_text("500 characters or fewer")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Go back to the page you were reading").click()
    page.get_by_role("button", name="Yes this page is useful").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you for your feedback")
    assert_no_axe_violations(page)
