"""What a plan tells each visitor: the personas of issue 10, read as they would read the page.

The per-nation facts and course details are built here as small test data with the schema
the content fixtures use, so these tests pin the rules, not the wording of the content."""

import re
from datetime import date
from decimal import Decimal
from urllib.parse import urlencode

import pytest
from django.core.cache import caches
from django.utils import timezone

from careers.models import NationFact, Role
from pathways.models import Programme, ProgrammeFee
from tests.personas import (
    ENGLISH_HCA,
    NHS_SUPPORT_WORKER,
    NI_UNDERGRADUATE,
    QUALIFIED_ABROAD,
    SCOTTISH_TA,
    WELSH_GUITARIST,
)

pytestmark = pytest.mark.django_db

URL = "/careers/music-therapist/next-steps/"
TODAY = date(2026, 11, 22)

FACTS = [
    # topic, nation, title, amount, label, year
    ("checks", "england", "Enhanced DBS check", "49.50", "fee", "2025"),
    ("checks", "wales", "Enhanced DBS check", "49.50", "fee", "2025"),
    ("checks", "scotland", "PVG scheme membership", None, "", ""),
    ("checks", "northern-ireland", "AccessNI enhanced check", None, "", ""),
    ("finance", "england", "Postgraduate Master's Loan", "12858", "up to", "2025/26"),
    ("finance", "wales", "Student Finance Wales postgraduate support", "19255", "up to", "2025/26"),
    ("finance", "scotland", "SAAS tuition fee loan", "7000", "up to", "2025/26"),
    ("finance", "scotland", "SAAS living-cost loan", "6900", "up to", "2025/26"),
    ("finance", "northern-ireland", "Postgraduate tuition fee loan", "6500", "up to", "2025/26"),
    ("jobs", "scotland", "NHS Scotland jobs", None, "", ""),
    ("jobs", "england", "NHS Jobs", None, "", ""),
    ("pay", "scotland", "NHS Scotland pay scales", None, "", ""),
    ("hours", "scotland", "NHS Scotland full-time hours", "36", "hours a week", "2026/27"),
]


@pytest.fixture
def nations(seeded, monkeypatch):
    """The shipped content plus per-nation facts and course details, on 22 November 2026."""
    monkeypatch.setattr(timezone, "localdate", lambda *args: TODAY)
    role = Role.objects.get(slug="music-therapist")
    NationFact.objects.all().delete()  # these tests pin rules, not the shipped wording
    for position, (topic, nation, title, amount, label, year) in enumerate(FACTS):
        fact = NationFact.objects.create(
            slug=f"test-{topic}-{nation}-{position}",
            position=position,
            topic=topic,
            nation=nation,
            title=title,
            text=f"{title}: what it is.",
            amount=Decimal(amount) if amount else None,
            amount_label=label,
            year=year,
        )
        fact.roles.add(role)
    Programme.objects.filter(slug="queen-margaret").update(
        delivery="in_person", intake="Every September"
    )
    ProgrammeFee.objects.create(
        programme=Programme.objects.get(slug="queen-margaret"),
        slug="test-home-full-time",
        status="home",
        mode="full_time",
        amount=14000,
        basis="total",
        year="2026/27",
    )
    Programme.objects.filter(slug="south-wales").update(
        months_part_time=36, delivery="blended", closing_date=date(2027, 3, 1)
    )
    return role


def plan_page(client, **answers):
    response = client.get(URL + "?" + urlencode(answers))
    assert response.status_code == 200
    return response.content.decode()


def steps(html):
    plan = html[html.index('id="plan"') : html.index("</ol>", html.index('id="plan"'))]
    return re.findall(r'id="step-([a-z0-9-]+)"', plan)


def section(html, element_id):
    start = html.index(f'id="{element_id}"')
    return html[start : html.index("</section>", start)]


def courses_in_order(html):
    return re.findall(r'id="course-([a-z0-9-]+)"', section(html, "courses"))


def text(fragment):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", fragment))


def test_34_year_old_music_graduate_teaching_assistant_in_scotland(client, nations):
    html = plan_page(client, **SCOTTISH_TA)
    assert steps(html)[0] == "research-courses"
    assert 'id="route-postgraduate"' in html and 'id="route-apprenticeship"' not in html
    assert courses_in_order(html)[0] == "queen-margaret"
    assert "Courses in Scotland" in html
    assert "PVG scheme membership" in section(html, "checks")
    assert "DBS" not in section(html, "checks")
    money = text(section(html, "money"))
    assert "£14,000" in money and "2026/27" in money
    assert "SAAS tuition fee loan" in money and "£7,000" in money
    assert "£86.34" in money, "the HCPC application fee"
    assert "Left to find" in money
    assert "Master's Loan" not in money


def test_21_year_old_music_graduate_healthcare_assistant_in_england(client, nations):
    html = plan_page(client, **ENGLISH_HCA)
    assert steps(html)[0] == "gain-caring-experience"
    assert html.index('id="route-apprenticeship"') < html.index('id="route-postgraduate"')
    assert 'id="caveat-apprenticeship-funded-under-22"' in html
    first = courses_in_order(html)[0]
    assert Programme.objects.get(slug=first).nation == "england"
    assert "Enhanced DBS check" in section(html, "checks")
    assert "Postgraduate Master&#x27;s Loan" in section(html, "money")


def test_40_year_old_psychology_graduate_guitarist_in_wales_keeps_working(client, nations):
    html = plan_page(client, **WELSH_GUITARIST)
    assert steps(html)[0] == "research-courses"
    assert 'id="route-apprenticeship"' not in html
    assert courses_in_order(html)[0] == "south-wales"
    wales = text(html[html.index('id="course-south-wales"') :].split("</tr>")[0])
    assert "36 months" in wales and "blended" in wales and "1 March 2027" in wales
    assert "Enhanced DBS check" in section(html, "checks")
    assert "Student Finance Wales" in section(html, "money")
    table = text(html[html.index("The timeline as a table") :].split("</table>")[0])
    training = re.search(r"Complete your training (\w+ \d{4}) (\w+ \d{4})", table).groups()
    assert training == ("September 2027", "September 2030"), "part time: 36 months, from September"


def test_19_year_old_music_undergraduate_in_northern_ireland(client, nations):
    html = plan_page(client, **NI_UNDERGRADUATE)
    assert steps(html)[0] == "build-musicianship"
    assert "train-outside-northern-ireland" in steps(html)
    assert 'id="route-apprenticeship"' not in html
    assert 'id="note-no-course-in-northern-ireland"' in html
    assert "University of Limerick" in html
    assert "Courses in Northern Ireland" not in html and "Courses in the UK" in html
    assert "AccessNI enhanced check" in section(html, "checks")
    assert "£6,500" in section(html, "money")


def test_qualified_music_therapist_moving_from_abroad(client, nations):
    html = plan_page(client, **QUALIFIED_ABROAD)
    assert steps(html)[:2] == ["apply-from-abroad", "find-first-post"]
    work = text(section(html, "work"))
    assert "£678.38" in work, "the HCPC international scrutiny fee"
    assert "NHS Scotland jobs" in work and "NHS Jobs" in work, "every nation, labelled"
    assert "Scotland: NHS Scotland full-time hours" in work
    assert "£36" not in work, "hours are not pounds"
    assert 'id="timeline"' not in html and 'id="money"' not in html


def test_28_year_old_nhs_support_worker_in_england_hoping_for_an_apprenticeship(client, nations):
    html = plan_page(client, **NHS_SUPPORT_WORKER)
    plan = steps(html)
    assert plan[0] == "build-musicianship"
    assert plan.index("research-courses") < plan.index("ask-employer-to-fund")
    assert html.index('id="route-postgraduate"') < html.index('id="route-apprenticeship"')
    card = html[html.index('id="route-apprenticeship"') :]
    assert "Only if an employer agrees to pay the whole cost" in card[: card.index("</dl>")]
    assert 'id="note-plan-postgraduate-in-parallel"' in html
    assert "Enhanced DBS check" in section(html, "checks")
    assert "Master&#x27;s Loan" in section(html, "money")


def test_17_year_old_at_school_does_school_a_degree_then_experience(client, nations):
    html = plan_page(client, stage="school", music="developing", nation="wales")
    assert "About 10 to 11 years" in text(section(html, "summary-time"))
    table = text(html[html.index("The timeline as a table") :].split("</table>")[0])
    school = re.search(r"1\. This school year and next.*? (\w+ \d{4}) (\w+ \d{4})", table).groups()
    degree = re.search(r"Get a degree (\w+ \d{4}) (\w+ \d{4})", table).groups()
    work = re.search(r"Gain experience with vulnerable people (\w+ \d{4})", table).groups()
    assert school == ("November 2026", "July 2028")
    assert degree == ("September 2028", "September 2031")
    assert work == ("September 2031",)
    training = re.search(r"Complete your training (\w+ \d{4}) (\w+ \d{4})", table).groups()
    assert training == ("September 2034", "September 2036")


def test_every_bar_of_the_timeline_is_labelled_with_its_step(client, nations):
    html = plan_page(client, stage="graduate", degree="music", nation="england")
    svg = html[html.index("<svg", html.index('id="timeline"')) : html.index("</svg>")]
    rows = re.findall(
        r'<g class="app-timeline__row" id="bar-([a-z-]+)">\s*<text[^>]*>([^<]+)<', svg
    )
    assert rows and all(label.strip() for _, label in rows)
    assert len(rows) == svg.count("<rect")
    assert [slug for slug, _ in rows] == [s for s in steps(html) if s != "find-first-post"]


def test_the_plan_says_what_it_heard_and_what_it_assumed(client, nations):
    html = plan_page(client, stage="graduate", degree="music", nation="scotland")
    heard = text(html[html.index('id="heard"') : html.index('id="your-plan"')])
    assert "You told us: I have a degree · Music · Scotland." in heard
    assert "Change answers" in heard
    assert "What we assumed for the 5 questions you left blank" in heard
    assert "How old will you be when your training starts?: nothing about your age" in heard


def test_an_old_link_without_nation_or_age_still_gives_a_plan_that_says_england_only(
    client, nations
):
    html = plan_page(
        client, stage="professional", degree="education", employed="yes", mode="full_time"
    )
    assert "check-apprenticeship-funding" in steps(html)
    assert 'id="caveat-apprenticeship-england-only"' in html
    assert "Background checks in each nation" in html
    checks = text(section(html, "checks"))
    assert "Scotland: PVG scheme membership" in checks
    assert "Northern Ireland: AccessNI enhanced check" in checks


def test_a_person_living_abroad_reads_about_international_fees_and_visas(client, nations):
    html = plan_page(client, stage="graduate", degree="music", nation="outside_uk")
    assert "check-visa-and-fees" in steps(html)
    assert 'id="note-training-from-abroad"' in html
    money = text(section(html, "money"))
    assert "higher fees" in money and "Left to find: not known yet" in money


def test_an_empty_form_says_what_to_answer(client, nations):
    response = client.get(URL + "?show=plan")
    html = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in html
    assert "Answer “Where are you now?” to see your plan" in html
    assert 'href="#id_stage_1"' in html


def test_each_error_names_its_question(client, nations):
    html = client.get(URL + "?nation=atlantis&age=7").content.decode()
    assert "Choose one of the answers listed for “Where do you live now?”" in html
    assert "Choose one of the answers listed for “How old will you be" in html


def test_the_plan_page_reads_a_fixed_number_of_queries(client, nations, django_assert_num_queries):
    query = urlencode({"stage": "school", "nation": "wales", "mode": "part_time"})
    client.get(URL + "?" + query)
    for cache in caches.all():
        cache.clear()
    # The content version, the role, and each list a plan can show with its sources: read
    # once per content version, whatever the answers.
    with django_assert_num_queries(15):
        client.get(URL + "?" + query)
    caches["pages"].clear()
    with django_assert_num_queries(1):  # a plan the page cache does not hold: the version
        client.get(URL + "?" + urlencode({"stage": "graduate", "nation": "scotland"}))
