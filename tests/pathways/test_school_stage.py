"""A 14 to 18-year-old's way in: the school and college section of "How do I get in", and the
plan for a school student, in real order, in their own nation's words."""

import re
from datetime import date
from urllib.parse import urlencode

import pytest
from django.core.cache import caches
from django.http import QueryDict
from django.utils import timezone

from pathways.forms import PlannerForm
from pathways.models import SchoolFact
from pathways.planner import QUESTIONS, SUBJECT_STEPS, Answers, plan_for
from pathways.timeline import schedule

pytestmark = pytest.mark.django_db

ROLE = "/careers/music-therapist/"
ENTRY_ROUTES = ROLE + "entry-routes/"
PLANNER = ROLE + "next-steps/"
TODAY = date(2026, 12, 2)


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args: TODAY)


def text(fragment):
    """What a reader sees on screen: no tags, no print-only link numbers."""
    fragment = re.sub(r'<span class="app-print-only[^"]*">[^<]*</span>', "", fragment)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", fragment)).replace("&#x27;", "'")


def part(html, element_id, end="</div>\n  </div>"):
    start = html.index(f'id="{element_id}"')
    return html[start : html.index(end, start)] if end in html[start:] else html[start:]


def step_html(html, slug):
    """One step of the plan, up to the next step or the end of the list."""
    start = html.index(f'id="step-{slug}"')
    ends = [html.find('id="step-', start + 10), html.index("</ol>", start)]
    return html[start : min(end for end in ends if end > 0)]


def school_section(client):
    html = client.get(ENTRY_ROUTES).content.decode()
    start = html.index('<section id="school"')
    return html[start : html.index("</section>", start)]


# What each nation's part of the section must name: its own qualifications.
NATION_WORDS = {
    "england": ["GCSE", "A level", "BTEC"],
    "scotland": ["National 5", "Highers", "Advanced Higher", "S5"],
    "wales": ["Welsh Baccalaureate", "A level"],
    "northern-ireland": ["GCSE", "A level", "grade 8 theory"],
}


@pytest.mark.parametrize(("nation", "words"), NATION_WORDS.items())
def test_the_school_section_names_each_nations_qualifications_with_sources(
    client, seeded, nation, words
):
    section = school_section(client)
    nations = list(NATION_WORDS)
    start = section.index(f'<div id="school-{nation}">')
    following = nations[nations.index(nation) + 1 :]
    end = section.index(f'<div id="school-{following[0]}">') if following else len(section)
    read = text(section[start:end])
    for word in words:
        assert word in read, (nation, word)
    assert read.count("Source:") == 2  # its qualifications and its typical offers
    assert "Typical, check the year" in read
    for fact in SchoolFact.objects.filter(nation=nation):
        assert fact.sources.exists(), fact.slug
        assert all(source.date_shown for source in fact.sources.all())


def test_the_school_section_covers_subjects_degrees_ucas_grades_and_volunteering(client, seeded):
    read = text(school_section(client))
    assert "At school or college: what to do now" in read
    assert "Psychology, biology or drama are useful companions" in read
    assert "No course requires them" in read
    assert "psychology, education and other subjects" in read
    assert "up to five courses" in read and "14 January 2026" in read
    assert "UCAS Conservatoires, with up to six choices" in read
    assert "2027 dates had not been published" in read
    assert "Grade exams are a benchmark, not a requirement" in read
    assert "improvising" in read
    assert "DBS check from age 16, and checks for volunteers are free" in read
    assert "No figure for the usual age of starting training has been published" in read
    # Every fact cites at least one dated source; none is left without.
    assert read.count("Source:") == (
        SchoolFact.objects.filter(is_published=True, role__slug="music-therapist").count()
    )


def test_the_school_section_is_linked_from_the_key_facts(client, seeded):
    html = client.get(ROLE).content.decode()
    panel = html[html.index('class="app-key-facts"') : html.index("</aside>")]
    assert f'href="{ENTRY_ROUTES}#school">At school or college? What to do now' in panel


def test_the_entry_routes_page_reads_the_school_facts_in_one_query(
    client, seeded, django_assert_num_queries
):
    client.get(ENTRY_ROUTES)
    for cache in caches.all():
        cache.clear()
    with django_assert_num_queries(9):  # content version, role, routes, requirements,
        client.get(ENTRY_ROUTES)  # programmes, school facts, each model's citations


def plan(client, **answers):
    response = client.get(PLANNER + "?" + urlencode(answers))
    assert response.status_code == 200
    html = response.content.decode()
    ol = html[html.index('id="plan"') : html.index("</ol>", html.index('id="plan"'))]
    return html, re.findall(r'id="step-([a-z0-9-]+)"', ol)


def timeline_rows(html):
    table = html[html.index("The timeline as a table") :].split("</table>")[0]
    row = r'<th scope="row"[^>]*>\d+\. ([^<]+)</th>.*?>(\w+ \d{4})<.*?>(\w+ \d{4})<'
    rows = re.findall(row, table, re.S)
    return {title.strip().replace("&#x27;", "'"): (start, end) for title, start, end in rows}


def month(label):
    name, year = label.split()
    return int(year) * 12 + [
        "January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December",
    ].index(name)  # fmt: skip


PERSONAS = {
    # A 16-year-old in England, doing A levels, who plans a music degree.
    "england": (
        {"stage": "school", "degree": "music", "music": "developing", "nation": "england"},
        "GCSE and A level Music, or a music BTEC",
        "National Careers Service",
    ),
    # A 15-year-old in Scotland, in S4.
    "scotland": (
        {"stage": "school", "degree": "psychology", "nation": "scotland"},
        "Music at National 5, Higher and Advanced Higher",
        "My World of Work",
    ),
    # A 17-year-old at school in Wales, on her phone.
    "wales": (
        {"stage": "school", "music": "developing", "nation": "wales"},
        "with the Welsh Baccalaureate",
        "Careers Wales",
    ),
}


@pytest.mark.parametrize(("nation", "persona"), PERSONAS.items())
def test_a_school_students_plan_names_their_nations_qualifications_in_real_order(
    client, seeded, nation, persona
):
    answers, qualifications, careers_service = persona
    html, steps = plan(client, **answers)
    assert steps[:5] == [
        f"choose-school-subjects-{nation}",
        "school-keep-playing",
        "school-volunteer-from-16",
        "school-open-days",
        "school-apply-ucas",
    ]
    order = ["school-apply-ucas", "get-a-degree", "gain-caring-experience", "apply-postgraduate"]
    assert [step for step in steps if step in order] == order
    first = text(step_html(html, f"choose-school-subjects-{nation}"))
    assert qualifications in first and careers_service in first
    assert f'href="{ENTRY_ROUTES}#school"' in step_html(html, f"choose-school-subjects-{nation}")
    volunteering = text(step_html(html, "school-volunteer-from-16"))
    assert "from 16" in volunteering and "free for volunteers" in volunteering
    ucas = text(step_html(html, "school-apply-ucas"))
    assert "up to five courses on UCAS" in ucas and "14 January 2026" in ucas

    rows = timeline_rows(html)
    ucas_row = rows["Apply for a degree through UCAS by mid-January"]
    degree = rows["Get a degree"]
    work = rows["Gain experience with vulnerable people"]
    training = rows["Complete your training"]
    assert ucas_row == ("September 2027", "January 2028")
    assert month(ucas_row[1]) <= month(degree[0])
    assert month(work[0]) >= month(degree[1]), "experience follows the degree"
    assert month(training[0]) >= month(work[1])
    note = text(part(html, "start-age-note", "</p>"))
    assert "Most trainees start after some years of work" in note
    assert "No figure for the usual age of starting training has been published" in note


def test_a_school_student_who_names_a_subject_is_asked_what_they_plan_to_study(client, seeded):
    html, steps = plan(client, stage="school", degree="music", nation="england")
    assert "get-a-degree" in steps
    heard = text(html[html.index('id="heard"') : html.index('id="your-plan"')])
    assert "At school or college" in heard and "Music" in heard
    questions = text(html[html.index('id="questions"') :])
    assert "What do you plan to study after school or college?" in questions
    assert "What is your degree in?" not in questions
    graduate, _ = plan(client, stage="graduate", degree="music", nation="england")
    assert "What is your degree in?" in text(graduate[graduate.index('id="questions"') :])


def test_the_planner_contract_keeps_its_degree_values_for_a_school_student():
    form = PlannerForm(QueryDict("stage=school&degree=music"))
    assert form.is_valid()
    assert [value for value, _ in form.fields["degree"].choices] == QUESTIONS["degree"]
    assert PlannerForm.base_fields["degree"].label == "What is your degree in?"


@pytest.mark.parametrize("degree", QUESTIONS["degree"])
def test_no_degree_answer_makes_a_school_student_a_graduate(degree):
    steps = plan_for(Answers(stage="school", degree=degree)).steps
    assert steps[0] == "choose-school-subjects"
    assert steps.index("school-apply-ucas") < steps.index("get-a-degree")
    assert "check-non-degree-entry" not in steps


def every_answers():
    from itertools import product

    names = list(QUESTIONS)
    for values in product(*([None, *QUESTIONS[name]] for name in names)):
        answers = dict(zip(names, values, strict=True))
        if answers["stage"] != "qualified" and answers["employed"] in (None, "no"):
            yield Answers(**answers)


def test_the_timeline_never_puts_experience_before_the_degree_it_follows():
    months = {"get-a-degree": 36, "gain-caring-experience": 18, "take-introductory-course": 1}
    months.update(dict.fromkeys(SUBJECT_STEPS, 20))
    months.update({"complete-training": 24, "school-apply-ucas": 4, "school-open-days": 6})
    checked = 0
    for answers in every_answers():
        steps = plan_for(answers).steps
        if "get-a-degree" not in steps:
            continue
        starts, lengths = schedule([(0, s, s) for s in steps], months, TODAY)
        degree_end = starts["get-a-degree"] + lengths["get-a-degree"]
        for slug in ("gain-caring-experience", "take-introductory-course"):
            if slug in starts:
                assert starts[slug] >= degree_end, (answers, slug)
        assert starts["apply-postgraduate"] >= degree_end - 9, answers
        checked += 1
    assert checked > 100
