import pytest

pytestmark = pytest.mark.django_db

URL = "/careers/music-therapist/skills/"


def test_skills_are_grouped_with_why_they_matter_and_how_to_build_them(client, seeded):
    html = client.get(URL).content.decode()
    for group in ["The art form", "Working with people", "Personal qualities"]:
        assert f">{group}</h2>" in html
    assert "Why it matters:" in html and "How to build it:" in html
    assert 'id="skill-improvisation"' in html


def test_self_check_lists_what_to_work_on_and_carries_it_to_the_planner(client, seeded):
    html = client.get(URL, {"have": ["musicianship", "improvisation", "communication"]})
    html = html.content.decode()
    result = html[html.index('id="self-check-result"') :]
    assert "What to work on" in result
    assert 'href="#skill-resilience"' in result
    assert 'href="#skill-improvisation"' not in result
    assert "/careers/music-therapist/next-steps/?practice=advanced" in result


def test_self_check_with_no_musical_ticks_suggests_a_beginner_plan(client, seeded):
    html = client.get(URL, {"have": ["communication"]}).content.decode()
    assert "next-steps/?practice=beginner" in html


def test_self_check_rejects_unknown_skills_with_a_message(client, seeded):
    response = client.get(URL, {"have": "<i>juggling</i>"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    assert "<i>juggling</i>" not in html


def test_skills_page_and_self_check_set_no_cookies(client, seeded):
    assert not client.get(URL).cookies
    assert not client.get(URL, {"have": "musicianship"}).cookies


def test_self_check_ignores_empty_ticks_and_tracking_tags(client, seeded):
    response = client.get(URL + "?have&have=improvisation&utm_source=adviser")
    assert response.status_code == 200
    assert 'id="self-check-result"' in response.content.decode()
