"""The plan's first screen and a plan that does not contradict itself (issue 16): the summary
(next step, years to qualifying, the courses that fit, what it could cost after funding),
a Scottish part-time plan that counts on the courses that run part time, what being employed
changes, and a gentle question beside answers that cannot all be true. 2 December 2026."""

import re
from datetime import date
from urllib.parse import urlencode

import pytest
from django.core.cache import caches
from django.utils import timezone

from tests.pathways.test_plan_page import URL, nations, plan_page, section, steps, text  # noqa: F401

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 2)
GLASGOW_TEACHING_ASSISTANT = {
    "stage": "professional",
    "degree": "music",
    "practice": "advanced",
    "experience": "over_2",
    "employed": "yes",
    "mode": "part_time",
    "nation": "scotland",
    "age": "25_or_over",
}


@pytest.fixture
def today(nations, monkeypatch):  # noqa: F811
    monkeypatch.setattr(timezone, "localdate", lambda *args: TODAY)
    return nations


def summary(html):
    start = html.index('id="summary"')
    return text(html[start : html.index('id="heard"', start)]).replace(" ,", ",")


def test_the_summary_gives_the_next_step_time_courses_and_cost(client, today):
    html = plan_page(
        client,
        stage="graduate",
        degree="music",
        practice="advanced",
        experience="over_2",
        nation="scotland",
        mode="full_time",
    )
    said = summary(html)
    assert "Your next step Research the approved courses" in said
    assert 'href="#step-research-courses"' in html
    assert re.search(r"Time to qualify About \d to \d years \(full time\)", said)
    assert "Queen Margaret University, Edinburgh: 24 months full time" in said
    assert "Cost after student finance at least £309.68" in said
    # The summary comes before the plan's sections, and the answers are one line.
    assert html.index('id="summary"') < html.index('id="routes"')
    heard = text(html[html.index('id="heard"') : html.index('id="your-plan"')])
    assert "You told us: I have a degree · Music · Advanced" in heard
    assert "Change answers" in heard


def test_a_scottish_part_time_plan_counts_on_the_courses_that_run_part_time(client, today):
    html = plan_page(client, **GLASGOW_TEACHING_ASSISTANT)
    said = summary(html)
    assert "No course where you live runs in the way you chose: Scotland, part time" in said
    # Nearest first: England's part-time courses before the Welsh one.
    for course in ("University of Roehampton, London", "University of the West of England"):
        assert re.search(re.escape(course) + r"[^:]*: 36 months part time", said), course
    assert "Queen Margaret" not in said
    # The timeline uses the part-time courses' length: three years of training.
    table = text(html[html.index("The timeline as a table") :].split("</table>")[0])
    start, end = re.search(r"Complete your training (\w+ \d{4}) (\w+ \d{4})", table).groups()
    assert int(end.split()[1]) - int(start.split()[1]) == 3
    # The courses section says so once, and the money section what SAAS may not fund.
    assert "No course where you live runs in the way you chose" in text(section(html, "courses"))
    assert "SAAS may not fund a course outside Scotland" in text(section(html, "money"))


def test_a_scottish_full_time_plan_counts_on_the_scottish_course(client, today):
    answers = {**GLASGOW_TEACHING_ASSISTANT, "mode": "full_time"}
    html = plan_page(client, **answers)
    assert "No course where you live runs" not in html
    assert "Queen Margaret University, Edinburgh: 24 months full time" in summary(html)
    table = text(html[html.index("The timeline as a table") :].split("</table>")[0])
    start, end = re.search(r"Complete your training (\w+ \d{4}) (\w+ \d{4})", table).groups()
    assert int(end.split()[1]) - int(start.split()[1]) == 2


def test_being_employed_changes_what_the_plan_says(client, today):
    employed = plan_page(client, **GLASGOW_TEACHING_ASSISTANT)
    note = text(section(employed, "note-what-being-employed-changes").split("</div>")[0])
    assert "Ask your employer" in note and "counts as the experience" in note
    not_employed = plan_page(client, **{**GLASGOW_TEACHING_ASSISTANT, "employed": "no"})
    assert "note-what-being-employed-changes" not in not_employed


@pytest.mark.parametrize(
    ("answers", "check"),
    [
        ({"stage": "school", "degree": "music"}, "check-school-with-degree"),
        ({"stage": "school", "age": "25_or_over"}, "check-school-aged-25"),
        (
            {"stage": "qualified", "age": "under_22", "experience": "over_2"},
            "check-young-and-long-qualified",
        ),
    ],
    ids=["school-with-degree", "school-aged-25", "under-22-qualified-for-years"],
)
def test_contradictory_answers_get_a_gentle_question_beside_them(client, today, answers, check):
    html = plan_page(client, **answers)  # 200, never a 500
    assert f'id="check-{check}"' in html
    heard = html[html.index('id="heard"') : html.index('id="your-plan"')]
    assert f'id="check-{check}"' in heard, "the question stands beside the answers"
    assert "Change answers" in text(heard)
    assert steps(html), "and the plan still follows the answers as given"


def test_answers_that_agree_raise_no_question(client, today):
    html = plan_page(client, stage="school", degree="none", age="under_22")
    assert 'id="check-' not in html


def test_a_scottish_part_time_plan_reads_a_fixed_number_of_queries(
    client, today, django_assert_num_queries
):
    query = urlencode(GLASGOW_TEACHING_ASSISTANT)
    client.get(URL + "?" + query)
    for cache in caches.all():
        cache.clear()
    with django_assert_num_queries(17):  # the version, the role and each list, as any plan
        client.get(URL + "?" + query)


def test_a_summary_never_says_a_plan_costs_at_least_nothing(client, today):
    """Where student finance lends more than the costs with a published figure, the summary
    says what comes on top rather than "at least £0"."""
    html = plan_page(client, stage="school", practice="developing", nation="wales")
    said = summary(html)
    assert "at least £0" not in said
    assert "Student finance could cover the costs we can add up" in said
    assert "living costs come on top" in said
