import re

import pytest
from django.contrib.auth.models import Group, User

from feedback.models import Feedback

pytestmark = pytest.mark.django_db

ROLE = "/careers/music-therapist/"


def send(client, page=ROLE, useful="yes", comment="", **extra):
    data = {"page": page, "useful": useful, "comment": comment, "website": ""}
    data.update(extra.pop("data", {}))
    return client.post("/feedback/", data, **extra)


@pytest.mark.parametrize(
    "url", ["/", ROLE, ROLE + "entry-routes/", "/search/?q=pay", "/accessibility/"]
)
def test_every_public_page_ends_with_the_feedback_form_and_sets_no_cookie(client, seeded, url):
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Is this page useful?" in html
    assert '<form class="app-feedback app-no-print" method="post" action="/feedback/"' in html
    page = url.split("?")[0]
    assert f'<input type="hidden" name="page" value="{page}">' in html
    assert "csrfmiddlewaretoken" not in html
    assert not response.cookies
    assert "Set-Cookie" not in response


def test_an_answer_is_stored_without_the_address_and_thanked(client, seeded):
    response = send(client, useful="no", comment="  The pay table is hard to read.  ")
    assert response.status_code == 303
    assert response["Location"] == "/feedback/thanks/?page=%2Fcareers%2Fmusic-therapist%2F"
    feedback = Feedback.objects.get()
    assert (feedback.path, feedback.is_useful) == (ROLE, False)
    assert feedback.comment == "The pay table is hard to read."
    assert re.fullmatch(r"[0-9a-f]{64}", feedback.sender)
    assert "127.0.0.1" not in feedback.sender
    assert not response.cookies
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    assert "Thank you for your feedback" in thanks.content.decode()
    assert f'href="{ROLE}">Go back to the page you were reading' in thanks.content.decode()
    assert not thanks.cookies


def test_the_same_address_always_gives_the_same_hash_and_others_another(client, seeded):
    send(client)
    send(client, REMOTE_ADDR="203.0.113.9")
    send(client)
    first, other, again = Feedback.objects.order_by("pk").values_list("sender", flat=True)
    assert first == again != other


def test_one_address_may_send_five_answers_in_ten_minutes(client, seeded, settings):
    settings.FEEDBACK_LIMIT = 5
    for _ in range(5):
        assert send(client).status_code == 303
    response = send(client)
    assert response.status_code == 429
    assert "Please wait a few minutes" in response.content.decode()
    assert int(response["Retry-After"]) == 600
    assert Feedback.objects.count() == 5
    assert send(client, REMOTE_ADDR="203.0.113.9").status_code == 303


def test_an_answer_costs_three_queries(client, seeded, django_assert_max_num_queries):
    assert send(client).status_code == 303  # the pages that exist: read once per version
    # The content version (once a second outside tests), the sender's count, the answer.
    with django_assert_max_num_queries(3):
        assert send(client).status_code == 303


def test_a_comment_over_500_characters_is_refused(client, seeded):
    response = send(client, comment="x" * 501)
    assert response.status_code == 400
    assert "500 characters or fewer (it has 501)" in response.content.decode()
    assert not Feedback.objects.exists()
    assert send(client, comment="x" * 500).status_code == 303


@pytest.mark.parametrize(
    "page",
    [
        "",
        "https://elsewhere.example/",
        "//elsewhere.example/",
        "/admin/",
        "/no-such-page/",
        "/feedback/",
        "/healthz",
        ROLE + "?stage=graduate",
        "/" + "a" * 400,
        "/careers/\x00/",
    ],
)
def test_feedback_about_anything_but_a_public_page_is_refused(client, seeded, page):
    response = send(client, page=page)
    assert response.status_code == 400
    assert "Your feedback was not sent" in response.content.decode()
    assert not Feedback.objects.exists()


@pytest.mark.parametrize("useful", ["", "maybe", "yes\x00"])
def test_an_answer_other_than_yes_or_no_is_refused(client, seeded, useful):
    response = send(client, useful=useful)
    assert response.status_code == 400
    assert "Choose Yes or No" in response.content.decode()


def test_a_comment_with_a_null_character_is_refused(client, seeded):
    response = send(client, comment="hello\x00")
    assert response.status_code == 400
    assert "null characters" in response.content.decode()


def test_a_form_posted_from_another_site_is_refused(client, seeded):
    assert send(client, HTTP_ORIGIN="https://elsewhere.example").status_code == 403
    assert send(client, HTTP_REFERER="https://elsewhere.example/page").status_code == 403
    assert not Feedback.objects.exists()
    assert send(client, HTTP_ORIGIN="http://testserver").status_code == 303
    assert send(client, HTTP_REFERER="http://testserver" + ROLE).status_code == 303


def test_software_that_fills_the_hidden_field_is_thanked_but_not_stored(client, seeded):
    response = send(client, data={"website": "https://spam.example/"})
    assert response.status_code == 303
    assert not Feedback.objects.exists()


@pytest.mark.parametrize("method", ["get", "put", "delete"])
def test_feedback_is_sent_by_post_only(client, method):
    assert getattr(client, method)("/feedback/").status_code == 405


def test_markup_in_a_comment_is_shown_as_text_in_the_admin(client, seeded):
    send(client, comment='<script>alert("x")</script><b>bold</b>')
    admin = client.__class__()
    admin.force_login(User.objects.create_superuser("boss", password="a-long-admin-password"))
    listing = admin.get("/admin/feedback/feedback/").content.decode()
    detail = admin.get(f"/admin/feedback/feedback/{Feedback.objects.get().pk}/change/")
    for html in (listing, detail.content.decode()):
        assert "<script>alert" not in html
        assert "<b>bold</b>" not in html
        assert "&lt;b&gt;bold&lt;/b&gt;" in html


def test_the_admin_counts_answers_by_page(client, seeded):
    send(client, useful="yes")
    send(client, useful="no", comment="Too long")
    send(client, page="/", useful="yes")
    admin = client.__class__()
    admin.force_login(User.objects.create_superuser("boss", password="a-long-admin-password"))
    html = admin.get("/admin/feedback/feedback/").content.decode()
    row = re.search(
        r'<th scope="row"><a href="\?path=%2Fcareers%2Fmusic-therapist%2F">.*?</tr>', html
    )
    assert row, html
    assert re.findall(r"<td>(\d+)</td>", row.group(0)) == ["1", "1", "1"]
    filtered = admin.get("/admin/feedback/feedback/", {"path": ROLE}).content.decode()
    assert "Too long" in filtered


def test_editors_can_read_feedback_but_not_change_it(client, seeded):
    send(client, comment="Useful")
    editor = User.objects.create_user("editor", password="a-long-editor-password", is_staff=True)
    editor.groups.add(Group.objects.get(name="Content editors"))
    client.force_login(editor)
    pk = Feedback.objects.get().pk
    assert client.get("/admin/feedback/feedback/").status_code == 200
    assert client.get("/admin/feedback/feedback/add/").status_code == 403
    assert client.post(f"/admin/feedback/feedback/{pk}/delete/", {"post": "yes"}).status_code == 403
    client.post(f"/admin/feedback/feedback/{pk}/change/", {"comment": "Changed"})
    assert Feedback.objects.get().comment == "Useful"


def test_the_accessibility_statement_gives_a_contact_address_when_set(client, seeded, settings):
    settings.CONTACT_EMAIL = "team@example.org"
    html = client.get("/accessibility/").content.decode()
    assert '<a class="govuk-link" href="mailto:team@example.org">team@example.org</a>' in html
    assert "Is this page useful?" in html


def test_without_an_address_the_statement_points_to_the_form(client, seeded, settings):
    settings.CONTACT_EMAIL = ""
    html = client.get("/accessibility/").content.decode()
    assert "mailto:" not in html
    assert "To tell us something, use “Is this page useful?” at the end of any page." in html
