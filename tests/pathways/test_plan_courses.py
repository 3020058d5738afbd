"""Courses nearest first (issue 16): the visitor's nation's, then the nearest nations' (a
plan for Wales lists Welsh courses, then English, then Scottish), each saying whether it
runs in the chosen mode; the summary names the nearest that fit."""

import re
from datetime import date
from urllib.parse import urlencode

import pytest
from django.core.cache import caches
from django.utils import timezone

from pathways.models import Programme
from pathways.views import NEAREST

pytestmark = pytest.mark.django_db

URL = "/careers/music-therapist/next-steps/"


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args: date(2026, 12, 2))


def plan(client, **answers):
    caches["pages"].clear()
    response = client.get(URL + "?" + urlencode({"stage": "graduate", **answers}))
    assert response.status_code == 200
    return response.content.decode()


def course_nations(html, table_id):
    """The nations of the courses a table lists, in its order."""
    start = html.index(f'id="{table_id}"')
    table = html[start : html.index("</table>", start)]
    slugs = re.findall(r'<tr class="govuk-table__row" id="course-([\w-]+)"', table)
    nation_of = dict(Programme.objects.values_list("slug", "nation"))
    return [nation_of[slug] for slug in slugs]


def in_order(nations, order):
    ranks = [order.index(nation) for nation in nations]
    return ranks == sorted(ranks)


@pytest.mark.parametrize(
    ("nation", "key"),
    [("wales", "wales"), ("scotland", "scotland"), ("england", "england")],
)
def test_courses_elsewhere_come_nearest_first(client, seeded, nation, key):
    html = plan(client, nation=nation, mode="part_time")
    elsewhere = course_nations(html, "courses-elsewhere")
    assert key not in elsewhere and len(set(elsewhere)) >= 2, elsewhere
    assert in_order(elsewhere, NEAREST[key]), elsewhere


def test_a_welsh_plan_lists_welsh_then_english_then_scottish_courses(client, seeded):
    html = plan(client, nation="wales", mode="part_time")
    assert course_nations(html, "courses-here") == ["wales"]
    elsewhere = course_nations(html, "courses-elsewhere")
    assert elsewhere[0] == "england" and elsewhere[-1] == "scotland"


def test_a_northern_irish_plan_lists_the_nearest_courses_first(client, seeded):
    html = plan(client, nation="northern_ireland", mode="full_time")
    listed = course_nations(html, "courses-elsewhere")
    assert listed[0] == "scotland" and in_order(listed, NEAREST["northern-ireland"])
    summary = html[
        html.index('id="summary-courses"') : html.index("</dd>", html.index('id="summary-courses"'))
    ]
    assert "Queen Margaret University" in summary.split("<li>")[1]


def test_each_course_says_whether_it_runs_in_the_chosen_mode(client, seeded):
    html = plan(client, nation="scotland", mode="part_time")
    summary = html[
        html.index('id="summary-courses"') : html.index("</dd>", html.index('id="summary-courses"'))
    ]
    items = re.findall(r"<li>(.*?)</li>", summary)
    assert items and all("part time" in item for item in items), items
    assert "not part time" not in summary  # a Scottish course that does not: named elsewhere
    qmu = html[html.index('id="course-queen-margaret"') :]
    length = qmu[qmu.index('data-label="How long') : qmu.index("</td>")]
    assert "Not offered part time" in length
    english = html[html.index('id="course-roehampton"') :]
    assert "36 months" in english[english.index('data-label="How long') : english.index("</td>")]
