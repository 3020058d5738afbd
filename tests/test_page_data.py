"""A page's data is built once per content version: after the first render, a page the
page cache does not hold is rendered without reading content again."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from careers.models import Task

pytestmark = pytest.mark.django_db

ROLE = "/careers/music-therapist/"
PAGES = [
    "/",
    "/accessibility/",
    ROLE,
    ROLE + "skills/",
    ROLE + "skills/?have=improvisation",
    ROLE + "entry-routes/",
    ROLE + "entry-routes/postgraduate/",
    ROLE + "qualifications/",
    ROLE + "progression/",
    ROLE + "next-steps/",
    ROLE + "next-steps/?stage=graduate&degree=music",
]


def render_afresh(client, url):
    caches["pages"].clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return response, [query["sql"] for query in queries]


@pytest.mark.parametrize("url", PAGES)
def test_a_second_render_reads_only_the_content_version(client, seeded, url):
    first, _ = render_afresh(client, url)
    second, queries = render_afresh(client, url)
    assert len(queries) == 1 and "core_contentversion" in queries[0], queries
    assert second.content == first.content


def test_a_content_change_rebuilds_the_page_data(client, seeded):
    task = Task.objects.filter(role__slug="music-therapist").order_by("position").first()
    assert task.text in render_afresh(client, ROLE)[0].content.decode()
    task.text = "A task written a moment ago"
    task.save()
    assert "A task written a moment ago" in render_afresh(client, ROLE)[0].content.decode()


def test_a_plan_for_new_answers_reads_only_the_content_version(client, seeded):
    render_afresh(client, ROLE + "next-steps/?stage=graduate&degree=music&nation=wales")
    render_afresh(client, ROLE + "next-steps/?stage=school&nation=scotland&age=under_22")
    _, queries = render_afresh(
        client, ROLE + "next-steps/?stage=professional&degree=psychology&mode=part_time"
    )
    assert len(queries) == 1 and "core_contentversion" in queries[0], queries


def test_a_page_rendered_before_a_pay_year_ends_says_so_the_day_after(client, seeded):
    from datetime import date
    from unittest import mock

    newer = "2025/26 figures; a newer pay year now applies"
    with mock.patch("django.utils.timezone.localdate", return_value=date(2026, 3, 31)):
        assert newer not in render_afresh(client, ROLE)[0].content.decode()
    with mock.patch("django.utils.timezone.localdate", return_value=date(2026, 4, 1)):
        html = render_afresh(client, ROLE)[0].content.decode()
    assert newer in html
    assert html.count("a newer pay year now applies") > 1  # the page's data, not one row


def test_a_plan_after_the_blank_planner_reads_only_the_content_version(client, seeded):
    render_afresh(client, ROLE + "next-steps/")
    render_afresh(client, ROLE + "next-steps/?stage=graduate&degree=music&nation=wales")
    _, queries = render_afresh(client, ROLE + "next-steps/?stage=school&nation=wales")
    assert len(queries) == 1 and "core_contentversion" in queries[0], queries


def test_plans_for_two_roles_with_the_same_answers_show_each_roles_own_facts(client, seeded):
    from careers.models import NationFact, Role

    other = Role.objects.get(slug="music-therapist")
    other.pk = other.id = None
    other._state.adding = True
    other.slug, other.title = "test-therapist", "Test therapist"
    other.save()
    fact = NationFact.objects.create(
        slug="art-check-wales",
        topic=NationFact.Topic.CHECKS,
        nation="wales",
        title="A check only art therapists need",
        text="What it is.",
    )
    fact.roles.add(other)
    answers = "next-steps/?stage=graduate&degree=psychology&nation=wales"
    music = render_afresh(client, ROLE + answers)[0].content.decode()
    art = render_afresh(client, "/careers/test-therapist/" + answers)[0].content.decode()
    assert "A check only art therapists need" not in music
    assert "A check only art therapists need" in art
