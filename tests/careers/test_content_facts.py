"""The facts that matter most to a reader, as the pages show them: who can get the
apprenticeship funded, what each nation asks and lends, what each course is like, and that
sources never claim more than they can."""

import json
import re
from datetime import date
from html import unescape
from unittest import mock
from urllib.parse import urlsplit

import pytest

from core.fixtures import fixture_path
from core.periods import YearKind, has_ended

pytestmark = pytest.mark.django_db

ROLE = "/careers/music-therapist/"
NATIONS = ["England", "Scotland", "Wales", "Northern Ireland"]


def text_of(html):
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def element(html, element_id):
    """The HTML of the element with this id, up to its closing tag."""
    match = re.search(rf'<(\w+)[^>]*\bid="{re.escape(element_id)}"', html)
    assert match, f"no #{element_id}"
    tag, start, depth = match.group(1), match.start(), 0
    for found in re.finditer(rf"<(/?){tag}\b[^>]*>", html[start:]):
        depth += -1 if found.group(1) else 1
        if depth == 0:
            return html[start : start + found.end()]
    raise AssertionError(f"#{element_id} is not closed")


def cells_by_nation(row_html):
    return {
        nation: text_of(cell)
        for nation, cell in re.findall(
            r'<td[^>]*data-label="([^"]+)"[^>]*>(.*?)</td>', row_html, re.S
        )
    }


def occupation(html):
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(block.group(1))


def says_funding_rule(text):
    return "under 22" in text and ("EHCP" in text or "Education, Health and Care Plan" in text)


# The apprenticeship: England only, and funded since January 2026 only for the young.


def test_route_comparison_says_who_can_get_the_apprenticeship_funded(client, seeded):
    html = page(client, ROLE + "entry-routes/")
    funding = cells_by_nation(element(html, "compare-funding"))
    apprenticeship = next(text for label, text in funding.items() if "Apprenticeship" in label)
    assert "England only" in apprenticeship and says_funding_rule(apprenticeship)
    assert "employer would have to pay the whole training cost" in apprenticeship


def test_apprenticeship_page_gives_the_funding_rule_and_its_england_only(client, seeded):
    text = text_of(element(page(client, ROLE + "entry-routes/apprenticeship/"), "summary"))
    assert "England only" in text and says_funding_rule(text)
    assert "very rare" in text


def test_role_page_and_its_structured_data_give_the_funding_rule(client, seeded):
    html = page(client, ROLE)
    ways_in = text_of(element(html, "ways-in"))
    assert "Arts therapist (level 7) apprenticeship" in ways_in and says_funding_rule(ways_in)
    requirements = occupation(html)["educationRequirements"]
    apprenticeship = next(r for r in requirements if "apprenticeship" in r)
    assert "England only" in apprenticeship and says_funding_rule(apprenticeship)


def test_no_page_names_the_abolished_institute_as_current(client, seeded):
    text = text_of(page(client, ROLE + "qualifications/"))
    assert "Skills England" in text
    assert "Institute for Apprenticeships and Technical Education ·" not in text


# Pay: labelled with its pay year, and the old estimate kept out of structured data.


def test_structured_data_lists_only_pay_scale_figures_with_their_pay_year(client, seeded):
    salaries = occupation(page(client, ROLE))["estimatedSalary"]
    assert salaries and all("pay year" in pay["name"] for pay in salaries)
    assert all(pay["minValue"] != 32305 for pay in salaries)


def test_old_estimate_is_labelled_as_based_on_2021_22_pay(client, seeded):
    row = text_of(element(page(client, ROLE), "pay-ncs-range"))
    assert "£32,305 to £45,838" in row and "2021/22" in row


@pytest.mark.parametrize(
    ("today", "newer_year_applies"),
    [(date(2026, 3, 31), False), (date(2026, 4, 1), True), (date(2031, 1, 1), True)],
)
def test_a_pay_year_says_a_newer_year_applies_once_it_has_passed(
    client, seeded, today, newer_year_applies
):
    with mock.patch("core.periods.timezone.localdate", return_value=today):
        row = text_of(element(page(client, ROLE), "pay-nhs-band-6"))
    assert "£38,682 to £46,580" in row
    assert ("2025/26 figures; a newer pay year now applies" in row) is newer_year_applies
    assert ("2025/26 pay year" in row) is not newer_year_applies


def test_has_passed_knows_pay_academic_and_calendar_years():
    assert not has_ended("2025/26", YearKind.PAY, today=date(2026, 3, 31))
    assert has_ended("2025/26", YearKind.PAY, today=date(2026, 4, 1))
    assert not has_ended("2025/26", YearKind.ACADEMIC, today=date(2026, 8, 31))
    assert has_ended("2025/26", YearKind.ACADEMIC, today=date(2026, 9, 1))
    assert has_ended("2025", YearKind.CALENDAR, today=date(2026, 1, 1))
    assert not has_ended("undated", YearKind.PAY, today=date(2099, 1, 1))


def test_bands_8a_and_8b_are_later_steps_not_rungs(client, seeded):
    html = page(client, ROLE + "progression/")
    start = html.index('class="app-ladder"')
    ladder = text_of(html[start : html.index("</ol>", start)])
    assert "Band 6" in ladder and "8a" not in ladder and "8b" not in ladder
    later = text_of(element(html, "later-options"))
    assert "Band 8a" in later and "minority" in later


# Four nations, side by side on the qualifications page.


@pytest.mark.parametrize(
    ("nation", "check"),
    [
        ("England", "Enhanced DBS check"),
        ("Wales", "Enhanced DBS check"),
        ("Scotland", "PVG scheme membership"),
        ("Northern Ireland", "AccessNI enhanced check"),
    ],
)
def test_each_nation_shows_its_own_background_check(client, seeded, nation, check):
    cells = cells_by_nation(element(page(client, ROLE + "qualifications/"), "nations-checks"))
    assert check in cells[nation]
    others = {"Enhanced DBS check", "PVG scheme membership", "AccessNI enhanced check"} - {check}
    assert not any(other in cells[nation] for other in others)


@pytest.mark.parametrize(
    ("nation", "figures"),
    [
        ("England", ["£12,858", "Student Finance England"]),
        ("Wales", ["£19,255", "Student Finance Wales"]),
        ("Scotland", ["£7,000", "£6,900", "SAAS"]),
        ("Northern Ireland", ["£6,500", "Student Finance NI"]),
    ],
)
def test_each_nation_shows_its_own_masters_finance_with_year_and_source(
    client, seeded, nation, figures
):
    cell = cells_by_nation(element(page(client, ROLE + "qualifications/"), "nations-finance"))[
        nation
    ]
    assert all(figure in cell for figure in figures), cell
    assert "2025/26" in cell and "Source:" in cell


def test_scotland_full_time_hours_differ(client, seeded):
    cells = cells_by_nation(element(page(client, ROLE + "qualifications/"), "nations-hours"))
    assert "36 hours a week" in cells["Scotland"]
    for nation in ["England", "Wales", "Northern Ireland"]:
        assert "37.5 hours a week" in cells[nation]


def test_role_page_shows_hours_pay_and_jobs_for_every_nation(client, seeded):
    html = page(client, ROLE)
    for row in ["role-nations-hours", "role-nations-pay", "role-nations-jobs"]:
        assert set(cells_by_nation(element(html, row))) == set(NATIONS)
    jobs = cells_by_nation(element(html, "role-nations-jobs"))
    assert "HSC jobs" in jobs["Northern Ireland"] and "NHS Scotland jobs" in jobs["Scotland"]


# The course table.


def test_course_table_names_awards_sites_and_intakes(client, seeded):
    html = page(client, ROLE + "qualifications/")
    for site in ["london", "manchester", "newcastle"]:
        slug = "nordoff-and-robbins" if site == "london" else f"nordoff-and-robbins-{site}"
        row = text_of(element(html, f"programme-{slug}"))
        assert "Master of Music Therapy (MMT)" in row and "24 months full time" in row
    assert "September 2027" in text_of(element(html, "programme-nordoff-and-robbins-manchester"))
    qmu = text_of(element(html, "programme-queen-margaret"))
    assert "MSc Music Therapy" in qmu and "At least 40 hours" in qmu
    usw = text_of(element(html, "programme-south-wales"))
    assert "Newport, Wales" in usw and "Blended" in usw and "36 months part time" in usw
    derby = text_of(element(html, "programme-derby"))
    assert "Check with the course" in derby


def test_every_course_row_gives_its_source_and_the_date_it_gives(client, seeded):
    html = page(client, ROLE + "qualifications/")
    rows = re.findall(r'id="(programme-[\w-]+)"', html)
    assert len(rows) >= 10
    for row_id in rows:
        assert re.search(r"Source: .+\(.+\)", text_of(element(html, row_id))), row_id


def test_no_course_is_described_as_online(client, seeded):
    text = text_of(page(client, ROLE + "entry-routes/postgraduate/"))
    assert "No fully online course leads to registration" in text
    assert "IELTS 7.0" in text


# Sources in the shipped fixtures.


def fixture_sources():
    records = json.loads(fixture_path("core").read_text(encoding="utf-8"))
    return [record["fields"] for record in records if record["model"] == "core.source"]


def test_no_fixture_source_claims_a_check_nobody_made():
    for source in fixture_sources():
        assert source["last_checked"] is None or source["checked_by"], source["slug"]


def test_no_fixture_source_links_to_a_bare_home_page():
    for source in fixture_sources():
        if source["url"]:
            parts = urlsplit(source["url"])  # a page addressed by its query is not one
            assert parts.path not in ("", "/") or parts.query, source["slug"]


def test_home_page_promises_only_what_the_site_does(client, seeded):
    text = text_of(page(client, "/"))
    assert "when we last checked it" not in text
    assert "date that source gives" in text
