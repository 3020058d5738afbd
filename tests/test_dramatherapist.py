"""The dramatherapist's journey, read as a visitor deciding on it would: the protected title,
the professional body, what courses ask for, where the courses are in each nation and how
long they take, with the same query counts as the music therapist's pages."""

import re
from html import unescape

import pytest

from tests.test_journey import BUILT, assert_pages_read_a_fixed_number_of_queries, journey

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seeded")]

ROLE = "/careers/dramatherapist/"
ROUTE = ROLE + "entry-routes/dramatherapist-postgraduate/"
JOURNEY = journey(ROLE)
MUSIC = "/careers/music-therapist/"


def text_of(response):
    assert response.status_code == 200, response
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", response.content.decode(), flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


@pytest.mark.parametrize(("url", "step"), JOURNEY)
def test_each_step_of_the_journey_answers_with_its_step_and_the_role(client, url, step):
    text = text_of(client.get(url))
    number = [u for u, _ in JOURNEY].index(url) + 1
    assert f"Step {number} of 6: {step}" in text
    assert "Dramatherapist" in text or "dramatherapist" in text


def test_the_role_page_says_the_title_is_protected_and_who_registers_it(client):
    text = text_of(client.get(ROLE))
    assert "'Dramatherapist' is a protected title" in text
    assert "Health and Care Professions Council (HCPC)" in text
    assert "'Dramatherapist' is a protected title" in text and "arts therapist" in text
    assert "HCPC's online register" in text
    assert "small profession" in text and "part time" in text


def test_the_role_page_key_facts_give_the_entry_and_the_training_length(client):
    text = text_of(client.get(ROLE))
    assert "A degree in drama or a related subject" in text
    assert "a year's full-time-equivalent work with people with specific needs" in text
    assert "two years full time (three years part time at one course)" in text
    assert "£13,500" in text and "2024/25" in text  # the one fee published with its year


def test_the_route_lists_what_courses_ask_for(client):
    text = text_of(client.get(ROUTE))
    for requirement in (
        "A degree in drama or a related subject, or a relevant professional qualification",
        "Practical drama experience",
        "an interview with a group drama workshop",
        "A year's full-time-equivalent work with people with specific needs",
        "Personal therapy alongside training",
        "7.0, with no element below 6.5",
    ):
        assert requirement in text, requirement


COURSES = {
    "Anglia Ruskin University": ("MA Dramatherapy", "Cambridge, England"),
    "University of Derby": ("MA Dramatherapy", "Derby (Britannia Mill), England"),
    "University of Roehampton": ("MA Dramatherapy", "London (Roehampton), England"),
    "Royal Central School of Speech and Drama, University of London": (
        "MA Drama and Movement Therapy (Sesame)",
        "London, England",
    ),
    "Queen Margaret University": ("MSc Dramatherapy", "Edinburgh, Scotland"),
}


def test_the_route_lists_the_five_courses_with_their_city_and_length(client):
    text = text_of(client.get(ROUTE))
    for provider, (award, city) in COURSES.items():
        assert f"{provider} " in text and f"{award} {city} 24 months full time" in text, provider
    assert "36 months part time" in text  # Roehampton, the one part-time course
    assert "The only dramatherapy course in Scotland" in text
    assert "currently four courses" in text  # BADth's own count, and how ours relates


def test_no_music_course_is_offered_as_a_way_to_become_a_dramatherapist(client):
    text = text_of(client.get(ROUTE))
    assert "MA Music Therapy " not in text.replace("shared with the MA Music Therapy", "")
    assert "Guildhall" not in text and "Nordoff" not in text


def test_the_courses_per_nation_say_scotland_has_one_and_wales_and_ni_none(client):
    text = text_of(client.get(ROLE + "qualifications/"))
    assert "Four courses: Cambridge, Derby and two in London" in text
    assert "the only dramatherapy training in Scotland" in text
    assert "No course in Wales" in text
    assert "No course in Northern Ireland" in text
    assert "Not yet confirmed" in text  # the absence of a course is flagged, not asserted


def test_the_qualifications_page_names_badth_as_optional_and_the_masters_as_required(client):
    text = text_of(client.get(ROLE + "qualifications/"))
    assert "HCPC-approved master's in dramatherapy (MA or MSc)" in text
    assert "Membership of the British Association of Dramatherapists" in text
    assert "Optional but helpful" in text
    assert "Student membership is open while you train" in text


def test_the_skills_page_puts_drama_practice_first(client):
    text = text_of(client.get(ROLE + "skills/"))
    assert "Practical drama and theatre skills" in text
    assert "Improvising and working in a drama group" in text
    assert "musicianship" not in text.lower()


def test_progression_starts_at_band_6(client):
    text = text_of(client.get(ROLE + "progression/"))
    assert "Newly qualified dramatherapist" in text and "Band 6" in text
    assert "Head of arts therapies" in text


@pytest.mark.parametrize("query", ["drama therapy", "drama therapist", "dramatherapy"])
def test_search_for_drama_therapy_finds_the_dramatherapist(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    results = re.findall(r'href="(/careers/[^"#]+)', response.content.decode())
    assert any(url.startswith(ROLE) for url in results[:2]), results[:3]


# Each plan step of the music therapist's, by the slug the dramatherapist's takes
# (PLANNER-SLUGS.md): the art form's own steps differ, the rest are mirrored.
DISCIPLINE_STEPS = {
    "build-musicianship": "build-drama-practice",
    "practise-improvisation": None,
    "prepare-audition": "prepare-drama-interview",
    "join-bamt": "join-badth",
    "school-keep-playing": "school-keep-doing-drama",
}


def test_every_plan_step_and_note_of_the_music_therapist_has_a_dramatherapy_twin():
    from pathways.models import PlanNote, PlanStep

    music_steps = set(
        PlanStep.objects.published()
        .filter(role__slug="music-therapist")
        .values_list("slug", flat=True)
    )
    wanted = {DISCIPLINE_STEPS.get(slug, slug) for slug in music_steps} - {None}
    wanted |= {"train-outside-wales", "train-outside-northern-ireland"}
    drama_steps = set(
        PlanStep.objects.published()
        .filter(role__slug="dramatherapist")
        .values_list("slug", flat=True)
    )
    assert wanted <= drama_steps, wanted - drama_steps

    music_notes = set(
        PlanNote.objects.published()
        .filter(role__slug="music-therapist")
        .values_list("slug", flat=True)
    )
    drama_notes = set(
        PlanNote.objects.published()
        .filter(role__slug="dramatherapist")
        .values_list("slug", flat=True)
    )
    assert music_notes | {"no-course-in-wales"} <= drama_notes, music_notes - drama_notes


def test_no_dramatherapy_plan_text_was_left_with_the_music_therapists_words():
    from pathways.models import PlanNote, PlanStep

    for model in (PlanStep, PlanNote):
        for record in model.objects.filter(role__slug="dramatherapist"):
            words = " ".join(
                str(getattr(record, field, "")) for field in ("title", "what_to_do", "text")
            ).lower()
            for music_word in ("bamt", "grade 8", "musicianship", "music therapy course"):
                assert music_word not in words, (model.__name__, record.slug, music_word)


# Queries each page reads when its data is built, as tests/test_journey.py counts them for
# the music therapist: the same lists, so the same numbers.
BUILT_FOR_DRAMA = {
    **{
        ROLE + path: BUILT[MUSIC + path]
        for path in ("", "skills/", "entry-routes/", "qualifications/", "progression/")
    },
    ROLE + "next-steps/": BUILT[MUSIC + "next-steps/"],
    # The music therapist's route page reads 8 too as the first request of a test.
    ROUTE: 8,
}


def test_each_page_reads_its_data_in_a_fixed_number_of_queries(client, django_assert_num_queries):
    assert_pages_read_a_fixed_number_of_queries(client, BUILT_FOR_DRAMA, django_assert_num_queries)
