"""The planner page for each role (issue 21): the music therapist's old links, and the art
therapist's and dramatherapist's plans from the shipped content."""

from urllib.parse import urlencode

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from careers.models import Role
from pathways.models import Programme
from pathways.planner import (
    NOTE_COMPARE,
    RULES,
)
from tests import personas

pytestmark = pytest.mark.django_db

MUSIC = "/careers/music-therapist/next-steps/"
MUSIC_PERSONAS = [
    personas.SCOTTISH_TA,
    personas.ENGLISH_HCA,
    personas.WELSH_GUITARIST,
    personas.NI_UNDERGRADUATE,
    personas.NHS_SUPPORT_WORKER,
]


def as_old_link(answers):
    """A persona's plan as links made before the practice question had its name."""
    return urlencode({("music" if name == "practice" else name): v for name, v in answers.items()})


@pytest.mark.parametrize("answers", MUSIC_PERSONAS, ids=lambda a: urlencode(a)[:40])
def test_old_music_links_redirect_permanently_to_the_same_plan(client, seeded, answers):
    old = client.get(MUSIC + "?" + as_old_link(answers))
    assert old.status_code == 301
    assert old["Location"] == MUSIC + "?" + urlencode(answers)  # the contract's order
    new = client.get(old["Location"])
    assert new.status_code == 200
    plan_url = "/next-steps/?" + urlencode(answers) + '"'
    assert plan_url in new.content.decode().replace("&amp;", "&")  # the link to share


def test_an_old_link_with_both_names_keeps_one_answer_or_asks_which(client, seeded):
    same = client.get(MUSIC + "?stage=school&music=developing&practice=developing")
    assert same["Location"] == MUSIC + "?stage=school&practice=developing"
    differ = client.get(MUSIC + "?stage=school&practice=beginner&music=advanced", follow=True)
    assert differ.redirect_chain == [
        (MUSIC + "?stage=school&practice=beginner&practice=advanced", 301)
    ]
    assert differ.status_code == 400
    assert "Choose only one answer for" in differ.content.decode()


def test_the_self_check_links_to_the_planner_with_the_practice_answer(client, seeded):
    html = client.get("/careers/music-therapist/skills/", {"have": "musicianship"}).content
    assert b"next-steps/?practice=" in html and b"?music=" not in html


def test_the_redirect_reads_no_content_once_the_role_is_read(client, seeded):
    client.get(MUSIC + "?stage=graduate&music=advanced")
    with CaptureQueriesContext(connection) as queries:
        assert client.get(MUSIC + "?stage=school&music=beginner").status_code == 301
    assert len(queries) <= 1, [q["sql"] for q in queries]  # the content version at most


def plan_page(client, role_slug, **answers):
    caches["pages"].clear()
    response = client.get(f"/careers/{role_slug}/next-steps/?" + urlencode(answers))
    assert response.status_code == 200, response.content.decode()[:500]
    return response.content.decode()


def step_ids(html):
    import re

    plan = html[html.index('id="plan"') : html.index("</ol>", html.index('id="plan"'))]
    return re.findall(r'id="step-([a-z0-9-]+)"', plan)


@pytest.fixture
def dramatherapist(seeded):
    return Role.objects.get(slug="dramatherapist")


@pytest.fixture
def art_therapist(seeded):
    return Role.objects.get(slug="art-therapist")


def test_drama_career_changer_in_england_reads_a_dramatherapy_plan(client, dramatherapist):
    html = plan_page(client, "dramatherapist", **personas.DRAMA_CAREER_CHANGER)
    steps = step_ids(html)
    assert steps[0] == "build-drama-practice"
    assert {"prepare-drama-interview", "join-badth"} <= set(steps)
    assert not {"build-musicianship", "prepare-audition", "join-bamt"} & set(steps)
    assert 'id="route-dramatherapist-postgraduate"' in html
    assert 'id="route-apprenticeship"' not in html
    assert "How much drama or theatre experience do you have?" in html
    assert "Developing: I act, devise or take part in drama regularly" in html
    assert "How would you describe your musical ability" not in html


@pytest.mark.parametrize("nation", ["wales", "northern_ireland"])
def test_no_dramatherapy_course_where_the_role_has_none_published(client, dramatherapist, nation):
    html = plan_page(client, "dramatherapist", stage="graduate", degree="drama", nation=nation)
    key = nation.replace("_", "-")
    assert f"train-outside-{key}" in step_ids(html)
    assert f'id="note-no-course-in-{key}"' in html


def test_an_art_course_in_belfast_means_no_training_outside_northern_ireland(client, art_therapist):
    answers = personas.UNSURE_IN_NORTHERN_IRELAND
    html = plan_page(client, "art-therapist", **answers)
    assert "train-outside-northern-ireland" not in step_ids(html)
    assert "Ulster University" in html
    assert f'id="note-{NOTE_COMPARE}"' in html and 'href="/careers/compare/"' in html
    # Unpublish the Belfast course: the same link now says to train outside Northern Ireland.
    Programme.objects.filter(slug="ulster-art-psychotherapy").update(is_published=False)
    html = plan_page(client, "art-therapist", **answers)
    assert "train-outside-northern-ireland" in step_ids(html)


def test_art_graduate_in_scotland_reads_an_art_therapy_plan(client, art_therapist):
    html = plan_page(client, "art-therapist", **personas.ART_GRADUATE_IN_SCOTLAND)
    steps = step_ids(html)
    assert steps[0] == "gain-caring-experience"
    assert {"prepare-portfolio", "join-baat"} <= set(steps)
    assert 'id="route-art-therapist-postgraduate"' in html
    assert "How would you describe your own art practice?" in html
    assert "Art, for example fine art or art and design" in html  # what they told us


def test_the_same_answers_on_two_roles_pages_are_each_roles_own_question(
    client, seeded, art_therapist
):
    """The forms' questions are kept per wording: the music therapist's page never shows
    the art therapist's question, whichever was rendered first."""
    art = plan_page(client, "art-therapist", stage="qualified")
    music = plan_page(client, "music-therapist", stage="qualified")
    assert "I am a qualified art therapist or art psychotherapist" in art
    assert "I am a qualified music therapist" in music
    assert "art psychotherapist" not in music.split('id="plan"')[0]


def test_a_music_link_on_another_roles_planner_drops_the_music_answer(client, art_therapist):
    response = client.get("/careers/art-therapist/next-steps/?stage=graduate&music=advanced")
    assert response.status_code == 301
    assert response["Location"] == "/careers/art-therapist/next-steps/?stage=graduate"


def test_another_roles_plan_reads_only_the_content_version_the_second_time(client, dramatherapist):
    url = "/careers/dramatherapist/next-steps/?" + urlencode(personas.DRAMA_CAREER_CHANGER)
    client.get(url)
    caches["pages"].clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    assert len(queries) == 1 and "core_contentversion" in queries[0]["sql"]


def test_every_role_in_the_content_has_the_words_for_every_step_and_note_its_rules_give(
    seeded,
):
    roles = Role.objects.published().filter(slug__in=RULES)
    assert "music-therapist" in {role.slug for role in roles}
    for role in roles:
        rules = RULES[role.slug]
        steps = set(role.plan_steps.published().values_list("slug", flat=True))
        notes = set(role.plan_notes.published().values_list("slug", flat=True))
        assert set(rules.step_keys) - steps == set(), role.slug
        assert set(rules.note_keys) - notes == set(), role.slug
