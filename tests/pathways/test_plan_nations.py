"""Every sentence of a plan speaks to its reader: the nation's own check, job sites and
volunteering centres; closing dates that have passed are never the next ones."""

from datetime import date
from unittest import mock

import pytest
from django.core.cache import caches

from pathways.timeline import Intake, lay_out

pytestmark = pytest.mark.django_db

URL = "/careers/music-therapist/next-steps/"


def plan(client, query):
    caches["pages"].clear()
    response = client.get(URL + "?" + query)
    assert response.status_code == 200
    html = response.content.decode()
    return html[html.index('id="your-plan"') :]


def steps_of(html):
    return html[html.index('id="plan"') : html.index("</ol>", html.index('id="plan"'))]


def test_a_scottish_plan_names_pvg_and_no_other_check(client, seeded):
    steps = steps_of(plan(client, "stage=graduate&degree=music&nation=scotland"))
    assert "Disclosure Scotland" in steps and "PVG" in steps
    for other in ("Disclosure and Barring", "DBS", "AccessNI"):
        assert other not in steps
    assert "Volunteer Scotland" in steps and "Do-it" not in steps and "Do IT" not in steps
    assert "apprenticeship" not in steps.lower()


def test_a_northern_irish_plan_names_hsc_jobs_and_volunteer_now(client, seeded):
    steps = steps_of(plan(client, "stage=graduate&degree=music&nation=northern_ireland"))
    assert "AccessNI" in steps and "Volunteer Now" in steps and "HSC jobs" in steps
    assert "NHS Jobs" not in steps and "Disclosure Scotland" not in steps


def test_a_welsh_plan_offers_no_apprenticeship(client, seeded):
    steps = steps_of(plan(client, "stage=graduate&degree=music&nation=wales&age=25_or_over"))
    assert "apprenticeship" not in steps.lower()
    assert "Volunteering Wales" in steps and "Volunteer Scotland" not in steps
    assert "MA, an MSc or the Master of Music Therapy (MMT)" in steps


def test_without_a_nation_every_check_is_named_and_labelled(client, seeded):
    steps = steps_of(plan(client, "stage=graduate&degree=music"))
    assert "Scotland: <a" in steps and "Northern Ireland: <a" in steps
    assert "Disclosure Scotland" in steps and "AccessNI" in steps


def test_a_passed_closing_date_is_never_the_next_one(client, seeded):
    with mock.patch("django.utils.timezone.localdate", return_value=date(2026, 12, 2)):
        html = plan(client, "stage=graduate&degree=music&nation=england")
    row = html[html.index('id="course-nordoff-and-robbins"') :]
    cell = row[row.index('data-label="Next closing date"') :]
    closing = cell[: cell.index("</td>")]
    assert "20 January 2026" not in closing and "Not recruiting at present" in closing


def test_the_application_window_closes_with_the_courses(seeded):
    today = date(2026, 12, 2)
    steps = [(1, "research-courses", "Research"), (2, "apply-postgraduate", "Apply")]
    timeline = lay_out(steps, {"research-courses": 1, "apply-postgraduate": 3}, today)
    apply = next(bar for bar in timeline.bars if bar.slug == "apply-postgraduate")
    assert apply.end_date <= date(2027, 2, 1)  # done by the usual January closing
    late = [Intake(month=9, closing=date(2027, 3, 15))]
    timeline = lay_out(steps, {"research-courses": 1, "apply-postgraduate": 3}, today, late)
    apply = next(bar for bar in timeline.bars if bar.slug == "apply-postgraduate")
    assert apply.end_date <= date(2027, 4, 1)


def test_the_abroad_plan_gives_hcpcs_english_level_and_timescale(client, seeded):
    html = plan(client, "stage=qualified&nation=outside_uk")
    assert "IELTS 7.0 with no element below 6.5" in html
    assert "60 working days" in html
