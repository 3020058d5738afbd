"""A course for one role on a route several roles share: Teesside's apprenticeship trains art
psychotherapists only, so it shows on the art therapist's pages and data and not on the
music therapist's or dramatherapist's, while Gloucestershire's, for every arts therapy,
shows for all three."""

import re
from decimal import Decimal
from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import Group, User
from django.core.cache import caches

from careers.models import Role
from core.editing import slug_taken_before
from pathways.models import Programme, ProgrammeFee
from tests.factories import admin_url
from tests.personas import ENGLISH_HCA
from tests.test_art_therapist import text_of

pytestmark = pytest.mark.django_db

TEESSIDE = "teesside-art-psychotherapy-apprenticeship"
GLOUCESTERSHIRE = "gloucestershire"
AWARD = "MSc Arts Therapist (Degree Apprenticeship), in art psychotherapy"
ART, DRAMA, MUSIC = "art-therapist", "dramatherapist", "music-therapist"
OTHERS = [DRAMA, MUSIC]
COMPARE = f"/careers/compare/?roles={ART}&roles={DRAMA}&roles={MUSIC}"
# An employed graduate in England under 22, for whom the apprenticeship is in the plan.
APPRENTICE_IN_ENGLAND = {**ENGLISH_HCA, "degree": "art"}


def route_page(role):
    return f"/careers/{role}/entry-routes/apprenticeship/"


def rows(html, prefix):
    """The ids a page's rows give, without ``prefix``: its courses."""
    return set(re.findall(rf'id="{prefix}([\w-]+)"', html))


@pytest.fixture(autouse=True)
def fresh_pages(seeded):
    caches["pages"].clear()


def test_teesside_is_an_art_therapist_course_on_the_shared_apprenticeship():
    teesside = Programme.objects.get(slug=TEESSIDE)
    assert teesside.role.slug == ART
    assert list(teesside.routes.values_list("slug", flat=True)) == ["apprenticeship"]
    assert set(teesside.routes.get().roles.values_list("slug", flat=True)) == {ART, DRAMA, MUSIC}
    assert Programme.objects.get(slug=GLOUCESTERSHIRE).role is None


def test_the_apprenticeship_page_lists_teesside_for_the_art_therapist_only(client):
    art = client.get(route_page(ART)).content.decode()
    assert {TEESSIDE, GLOUCESTERSHIRE} <= rows(art, "programme-")
    assert AWARD in text_of(client, route_page(ART))
    for role in OTHERS:
        html = client.get(route_page(role)).content.decode()
        assert GLOUCESTERSHIRE in rows(html, "programme-"), role
        assert TEESSIDE not in rows(html, "programme-"), role
        assert AWARD not in html, role  # (the route cites Teesside's page, as a source)


def test_the_qualifications_page_lists_teesside_for_the_art_therapist_only(client):
    art = client.get(f"/careers/{ART}/qualifications/").content.decode()
    assert {TEESSIDE, GLOUCESTERSHIRE} <= rows(art, "programme-")
    for role in OTHERS:
        html = client.get(f"/careers/{role}/qualifications/").content.decode()
        assert GLOUCESTERSHIRE in rows(html, "programme-"), role
        assert TEESSIDE not in rows(html, "programme-"), role


def test_the_compare_page_courses_row_has_teesside_in_the_art_column_only(client):
    html = client.get(COMPARE).content.decode()
    start = html.index('id="row-courses"')
    row = html[start : html.index("</tr>", start)]
    art, drama, music = row.split('<td class="govuk-table__cell">')[1:]
    assert "Teesside University, Middlesbrough" in art
    assert "Teesside" not in drama and "Teesside" not in music
    for cell in (art, drama, music):
        assert "University of Gloucestershire" in cell
    for role in (ART, *OTHERS):  # the phone cards say the same
        start = html.index(f'id="card-{role}"')
        card = html[start : html.index("</section>", start)]
        assert ("Teesside University, Middlesbrough" in card) == (role == ART), role


def plan(client, role, answers):
    response = client.get(f"/careers/{role}/next-steps/?" + urlencode(answers))
    assert response.status_code == 200
    return response.content.decode()


def test_an_art_therapists_plan_in_england_lists_teesside_and_a_music_therapists_does_not(
    client,
):
    art = plan(client, ART, APPRENTICE_IN_ENGLAND)
    assert 'id="route-apprenticeship"' in art
    assert {TEESSIDE, GLOUCESTERSHIRE} <= rows(art, "course-")
    music = plan(client, MUSIC, ENGLISH_HCA)
    assert 'id="route-apprenticeship"' in music
    assert GLOUCESTERSHIRE in rows(music, "course-")
    assert TEESSIDE not in rows(music, "course-")
    assert "Teesside University" not in re.sub(r"<[^>]+>", " ", music).split("Sources")[0]


def test_each_roles_open_data_lists_teesside_for_the_art_therapist_only(client):
    art = client.get(f"/careers/{ART}/data.json").json()
    courses = {course["slug"]: course for course in art["courses"]}
    assert courses[TEESSIDE]["role"] == ART
    assert courses[GLOUCESTERSHIRE]["role"] is None
    route = next(r for r in art["entry_routes"] if r["slug"] == "apprenticeship")
    assert TEESSIDE in route["course_slugs"]
    for role in OTHERS:
        data = client.get(f"/careers/{role}/data.json").json()
        slugs = {course["slug"] for course in data["courses"]}
        assert GLOUCESTERSHIRE in slugs and TEESSIDE not in slugs, role
        route = next(r for r in data["entry_routes"] if r["slug"] == "apprenticeship")
        assert TEESSIDE not in route["course_slugs"], role


def test_courses_json_gives_teesside_its_one_role(client):
    courses = {c["slug"]: c for c in client.get("/data/courses.json").json()["courses"]}
    assert courses[TEESSIDE]["role_slugs"] == [ART]
    assert courses[TEESSIDE]["role"] == ART
    assert courses[GLOUCESTERSHIRE]["role_slugs"] == [ART, DRAMA, MUSIC]
    assert courses[GLOUCESTERSHIRE]["role"] is None


def test_search_sends_teesside_to_the_art_therapists_page(client):
    html = client.get("/search/?q=teesside+apprenticeship").content.decode()
    links = re.findall(rf'href="([^"]*#programme-{TEESSIDE})"', html)
    assert links and all(link.startswith(f"/careers/{ART}/") for link in links)


@pytest.fixture
def editor_client(client):
    editor = User.objects.create_user("editor", password="a-long-editor-password", is_staff=True)
    editor.groups.add(Group.objects.get(name="Content editors"))
    client.force_login(editor)
    return client


def change_form(client, programme):
    """The programme's change page as the editor's browser would post it back."""
    page = client.get(admin_url(Programme, "change", programme.pk))
    form = page.context["adminform"].form
    data = {}
    for name in form.fields:
        value = form.initial.get(name)
        if value is None or value is False:
            continue
        if isinstance(value, list):
            value = [item.pk if hasattr(item, "pk") else item for item in value]
        data[name] = value
    for formset in page.context["inline_admin_formsets"]:
        prefix = formset.formset.prefix
        data.update({f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0})
    return data


def test_the_admin_refuses_a_role_none_of_the_courses_routes_leads_to(editor_client):
    goldsmiths = Programme.objects.get(
        routes__slug="art-therapist-postgraduate", slug="goldsmiths-art-psychotherapy"
    )
    data = change_form(editor_client, goldsmiths)
    data["role"] = Role.objects.get(slug=MUSIC).pk
    response = editor_client.post(admin_url(Programme, "change", goldsmiths.pk), data)
    assert response.status_code == 200
    assert "None of the routes ticked leads to the Music therapist role" in (
        response.content.decode()
    )
    goldsmiths.refresh_from_db()
    assert goldsmiths.role is None


def test_the_admin_saves_a_role_one_of_the_routes_leads_to(editor_client):
    gloucestershire = Programme.objects.get(slug=GLOUCESTERSHIRE)
    data = change_form(editor_client, gloucestershire)
    data["role"] = Role.objects.get(slug=MUSIC).pk
    response = editor_client.post(admin_url(Programme, "change", gloucestershire.pk), data)
    assert response.status_code == 302
    gloucestershire.refresh_from_db()
    assert gloucestershire.role.slug == MUSIC


def test_the_admin_lists_and_filters_courses_by_their_role(editor_client):
    url = admin_url(Programme, "changelist")
    art = Role.objects.get(slug=ART)
    response = editor_client.get(url + f"?role__id__exact={art.pk}")
    assert [p.slug for p in response.context["cl"].result_list] == [TEESSIDE]
    assert "Only for this role" in response.content.decode()


def test_a_fee_teesside_published_would_count_in_the_art_therapists_key_facts_only(client):
    ProgrammeFee.objects.create(
        programme=Programme.objects.get(slug=TEESSIDE),
        slug="home-full-time",
        status="home",
        mode="full_time",
        amount=Decimal("1234"),
        basis="total",
    )
    assert "Course fees £1,234 for a whole course" in text_of(client, f"/careers/{ART}/")
    for role in OTHERS:
        assert "£1,234" not in text_of(client, f"/careers/{role}/"), role


def test_a_courses_slug_is_taken_whichever_role_it_is_for():
    """Course slugs are unique across courses, not per role: one any course has had stays
    taken, whichever role the new course is for."""
    art = Role.objects.get(slug=ART)
    assert slug_taken_before(Programme, GLOUCESTERSHIRE, Programme(), {"role": art})
    assert not slug_taken_before(Programme, "never-a-course", Programme(), {"role": art})
