"""The timeline never schedules the experience courses ask for before or during the degree it
should follow, puts at least a year of work or experience between a degree and the
application, and says that most trainees start after some years of work (issue 16)."""

import calendar
import html as html_module
import re
from datetime import date
from urllib.parse import urlencode

import pytest
from django.core.cache import caches
from django.utils import timezone

from pathways.models import PlanStep
from pathways.templatetags.plan_tags import timeline_picture
from pathways.timeline import lay_out
from tests.personas import NI_UNDERGRADUATE, WELSH_17_YEAR_OLD

pytestmark = pytest.mark.django_db

URL = "/careers/music-therapist/next-steps/"
TODAY = date(2026, 12, 2)
MONTHS = {name: number for number, name in enumerate(calendar.month_name) if number}


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args: TODAY)


def plan(client, answers):
    caches["pages"].clear()
    response = client.get(URL + "?" + urlencode(answers))
    assert response.status_code == 200
    return response.content.decode()


def timeline_rows(html):
    """The timeline as its table gives it: each step's title → (from, to) as dates."""
    table = html[html.index('id="timeline"') : html.index("</figure>", html.index('id="timeline"'))]
    rows = re.findall(
        r'<th scope="row"[^>]*>\d+\. ([^<]+)</th><td[^>]*>(\w+) (\d{4})</td><td[^>]*>(\w+) (\d{4})',
        table,
    )
    return dated(rows)


def dated(rows):
    return {
        title.replace("&#x27;", "'"): (
            date(int(from_year), MONTHS[from_month], 1),
            date(int(to_year), MONTHS[to_month], 1),
        )
        for title, from_month, from_year, to_month, to_year in rows
    }


def when(rows, slug):
    return rows[PlanStep.objects.get(slug=slug, role__slug="music-therapist").title]


def test_a_school_students_experience_and_application_follow_her_degree(client, seeded):
    rows = timeline_rows(plan(client, WELSH_17_YEAR_OLD))
    degree_from, degree_to = when(rows, "get-a-degree")
    assert degree_from == date(2028, 9, 1)  # after two more school years
    assert when(rows, "gain-caring-experience")[0] >= degree_to
    assert when(rows, "take-introductory-course")[0] >= degree_to
    # Courses rarely take students in their last year: the application waits for the work.
    assert when(rows, "apply-postgraduate")[0] >= date(degree_to.year + 1, degree_to.month, 1)


def test_a_school_student_with_experience_still_works_a_year_after_her_degree(client, seeded):
    rows = timeline_rows(plan(client, {**WELSH_17_YEAR_OLD, "experience": "1_to_2"}))
    assert "gain-caring-experience" not in rows
    degree_to = when(rows, "get-a-degree")[1]
    assert when(rows, "apply-postgraduate")[0] >= date(degree_to.year + 1, degree_to.month, 1)


def test_an_undergraduates_experience_starts_after_the_degree_not_alongside(client, seeded):
    html = plan(client, NI_UNDERGRADUATE)
    rows = timeline_rows(html)
    # The earliest the degree can end is this academic year: September 2027 at the earliest.
    assert when(rows, "gain-caring-experience")[0] == date(2027, 9, 1)
    assert when(rows, "apply-postgraduate")[0] >= date(2028, 9, 1)
    assert "degree-end-note" in html and "most trainees start after some years" in html.lower()
    # A graduate with the same answers starts the experience now.
    graduate = timeline_rows(plan(client, {**NI_UNDERGRADUATE, "stage": "graduate"}))
    assert when(graduate, "gain-caring-experience")[0] == date(2026, 12, 1)
    assert 'id="degree-end-note"' not in plan(client, {**NI_UNDERGRADUATE, "stage": "graduate"})


def test_every_timeline_says_most_trainees_start_after_some_years_of_work(client, seeded):
    for answers in (WELSH_17_YEAR_OLD, NI_UNDERGRADUATE, {"stage": "graduate"}):
        html = plan(client, answers)
        note = html[html.index('id="start-age-note"') :]
        assert "Most trainees start after some years of work" in note[: note.index("</p>")]


def test_the_pictures_bars_are_dated_as_the_table_dates_them(client, seeded):
    html = plan(client, WELSH_17_YEAR_OLD)
    svg = html[html.index("<svg") : html.index("</svg>")]
    bars = re.findall(r"<title>\d+\. ([^<]+): (\w+) (\d{4}) to (\w+) (\d{4})</title>", svg)
    assert len(bars) > 5 and dated(bars) == timeline_rows(html)
    assert svg.count("app-timeline__bar--next") == 1


def test_the_picture_escapes_step_titles_and_shortens_its_labels():
    title = "Find out about music & health " * 3
    svg = timeline_picture(lay_out([(1, "explore-the-role", title)], {}, TODAY))
    assert "& " not in svg and f"<title>1. {html_module.escape(title, quote=False)}:" in svg
    label = re.search(r'class="app-timeline__number">([^<]+)</text>', svg)[1]
    assert len(html_module.unescape(label)) == 60 and label.endswith("…")
