"""The planner page: a GET form whose URL is the plan."""

import logging
import re
from html.parser import HTMLParser
from urllib.parse import urlencode

import pytest

from pathways.models import PlanStep
from pathways.planner import QUESTIONS, STEP_KEYS

pytestmark = pytest.mark.django_db

URL = "/careers/music-therapist/next-steps/"
MUSIC_GRADUATE = {
    "stage": "graduate",
    "degree": "music",
    "practice": "advanced",
    "experience": "1_to_2",
    "employed": "no",
    "mode": "full_time",
}


def plan_ids(response):
    html = response.content.decode()
    plan = html[html.index('id="plan"') : html.index("</ol>", html.index('id="plan"'))]
    return re.findall(r'id="step-([a-z0-9-]+)"', plan)


def ticked(html):
    """The ticked radios of the form: question → the values ticked."""
    radios = {}

    class Radios(HTMLParser):
        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if tag == "input" and attrs.get("type") == "radio" and "checked" in attrs:
                radios.setdefault(attrs["name"], []).append(attrs["value"])

    Radios().feed(html)
    return radios


def test_every_step_the_rules_can_give_has_its_words_in_the_database(seeded):
    in_database = set(PlanStep.objects.published().values_list("slug", flat=True))
    assert set(STEP_KEYS) - in_database == set()


def test_no_answers_shows_the_questions_only(client, seeded):
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="plan"' not in html
    for name in QUESTIONS:
        assert f'name="{name}"' in html
    assert 'method="get"' in html


def test_answers_give_an_ordered_plan_whose_first_step_is_marked_next(client, seeded):
    response = client.get(URL + "?" + urlencode(MUSIC_GRADUATE))
    html = response.content.decode()
    assert response.status_code == 200
    steps = plan_ids(response)
    assert steps[0] == "research-courses"
    assert "Do this next" in html
    assert "Your next step" in html and 'href="#step-research-courses"' in html
    first = html[html.index('id="step-research-courses"') :]
    first = first[: first.index("</li>")]
    assert "Time:" in first
    assert "Who can help" in first
    answers = ticked(html)
    assert answers["practice"] == [MUSIC_GRADUATE["practice"]]
    assert answers["degree"] == [MUSIC_GRADUATE["degree"]]


def test_plan_names_fitting_routes_time_to_qualify_and_who_pays(client, seeded):
    html = client.get(URL + "?" + urlencode(MUSIC_GRADUATE)).content.decode()
    assert 'id="route-postgraduate"' in html
    assert "Why it may fit" in html and "Who pays" in html
    assert re.search(r"About \d+ to \d+ years to qualifying", html)
    assert 'id="timeline"' in html and "<svg" in html
    assert "The timeline as a table" in html


def test_steps_link_back_into_the_journey(client, seeded):
    html = client.get(URL + "?" + urlencode(MUSIC_GRADUATE)).content.decode()
    assert 'href="/careers/music-therapist/entry-routes/">Read more: How do I get in' in html


def test_partial_answers_say_what_would_sharpen_the_plan(client, seeded):
    html = client.get(URL + "?stage=graduate").content.decode()
    assert 'id="plan"' in html
    sharpen = html[html.index('id="sharpen"') :]
    sharpen = sharpen[: sharpen.index("</div>")]
    assert "How would you describe your musical ability" in sharpen
    assert "Where do you live now?" in sharpen
    assert "How old will you be when your training starts?" in sharpen


def test_same_url_same_plan_and_no_cookies(client, seeded):
    query = "?" + urlencode({**MUSIC_GRADUATE, "utm_source": "adviser"})
    first, second = client.get(URL + query), client.get(URL + query)
    assert plan_ids(first) == plan_ids(second)
    assert not first.cookies and "Set-Cookie" not in first
    assert "Vary" not in first or "Cookie" not in first["Vary"]


def test_unknown_tracking_parameters_are_ignored(client, seeded):
    plain = client.get(URL + "?" + urlencode(MUSIC_GRADUATE))
    tagged = client.get(URL + "?" + urlencode({**MUSIC_GRADUATE, "fbclid": "x", "ref": "y"}))
    assert tagged.status_code == 200
    assert plan_ids(tagged) == plan_ids(plain)


@pytest.mark.parametrize(
    "query",
    [
        "stage=astronaut",
        "stage=school&stage=graduate",
        "practice=" + "a" * 5000,
        "degree=music%00",
        "experience=%ff%fe",
        "mode=%E0%A4%A",
        "stage=<script>alert(1)</script>",
    ],
)
def test_bad_input_gets_a_clear_error_beside_the_question(client, seeded, query):
    response = client.get(URL + "?" + query)
    html = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in html
    assert "govuk-error-message" in html
    assert "<script>alert(1)</script>" not in html
    assert re.search(r"<title>\s*Error:", html)
    target = re.search(r'govuk-error-summary__list">\s*<li><a href="#([^"]+)"', html).group(1)
    assert f'id="{target}"' in html, "the error summary links to the question"


def test_a_post_is_refused(client, seeded):
    assert client.post(URL, MUSIC_GRADUATE).status_code == 405


def test_a_step_missing_from_the_database_is_left_out_with_a_warning(client, seeded, caplog):
    PlanStep.objects.filter(slug="research-courses").delete()
    with caplog.at_level(logging.WARNING, logger="pathways.views"):
        response = client.get(URL + "?" + urlencode(MUSIC_GRADUATE))
    assert response.status_code == 200
    assert "research-courses" not in plan_ids(response)
    assert "research-courses" in caplog.text


def test_qualified_therapist_sees_progression_without_a_qualifying_timeline(client, seeded):
    response = client.get(URL + "?stage=qualified&experience=over_2")
    steps = plan_ids(response)
    assert steps[0] == "choose-specialism"
    assert "keep-registration" in steps
    assert 'id="timeline"' not in response.content.decode()
