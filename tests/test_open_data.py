"""Open data: published content as JSON, with sources and dates, field names pinned,
served through the page cache with an ETag and readable from any site (CORS)."""

import json

import pytest
from django.core.cache import caches

from careers.models import NationFact, PayFigure, Role
from core.models import Source
from pathways.models import EntryRoute, Programme, Requirement
from tests.factories import make_role

pytestmark = pytest.mark.django_db

ROLES = "/data/roles.json"
COURSES = "/data/courses.json"
ROLE = "/careers/music-therapist/data.json"
DOCUMENTS = [ROLES, COURSES, ROLE]

# The contract the README documents: add fields, never rename or remove one.
HEADER = {"schema_version", "content_version", "licence", "licence_url", "publisher"}
PROVENANCE = {"last_reviewed", "needs_verification", "verification_note", "sources"}
SOURCE = {"title", "publisher", "url", "date_given", "last_checked"}
ORGANISATION = {"slug", "name", "url"}
PAY = {
    "slug", "label", "band", "scale", "nation", "minimum", "maximum", "currency", "period",
    "pay_year", "effective_from", "is_starting_figure", "is_out_of_date", *PROVENANCE,
}  # fmt: skip
ROLE_FIELDS = {
    "slug", "title", "alternative_titles", "summary", "url", "data_url", "regulator",
    "key_facts", "starting_pay", "pay", *PROVENANCE,
}  # fmt: skip
ROUTE = {
    "slug", "name", "summary", "duration", "months_full_time", "months_part_time",
    "study_modes", "who_pays", "funding_note", "is_paid_while_learning", "nations", "url",
    "requirements", "course_slugs", *PROVENANCE,
}  # fmt: skip
REQUIREMENT = {"slug", "kind", "text", "detail", "is_essential", *PROVENANCE}
QUALIFICATION = {"slug", "name", "level", "body", "is_mandatory", "summary", *PROVENANCE}
COURSE = {
    "slug", "provider", "award", "location", "nation", "months_full_time",
    "months_part_time", "delivery", "intake", "next_intake", "closing_date", "recruitment",
    "personal_therapy", "url", "role_slugs", "role", "fees", *PROVENANCE,
}  # fmt: skip
FEE = {
    "slug", "status", "mode", "amount", "currency", "basis", "per_credits", "course_credits",
    "year", "date_given", *PROVENANCE,
}  # fmt: skip
STAGE = {"slug", "name", "summary", "typical_band", "is_optional", "pay_slug", *PROVENANCE}
NATION_FACT = {
    "slug", "topic", "nation", "title", "text", "amount", "amount_label", "year",
    "effective_from", "organisation", *PROVENANCE,
}  # fmt: skip


def document(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "application/json"
    return response.json()


def assert_provenance(record):
    assert len(record["last_reviewed"]) == 10  # an ISO date
    for source in record["sources"]:
        assert set(source) == SOURCE


def test_the_field_names_are_pinned(client, seeded):
    roles = document(client, ROLES)
    assert set(roles) == HEADER | {"roles"}
    role = next(role for role in roles["roles"] if role["slug"] == "music-therapist")
    assert set(role) == ROLE_FIELDS
    assert set(role["key_facts"]) == {"entry", "training", "cost"}
    assert set(role["regulator"]) == ORGANISATION
    assert set(role["starting_pay"]) == PAY and all(set(p) == PAY for p in role["pay"])
    one = document(client, ROLE)
    assert set(one) == HEADER | {
        "role", "entry_routes", "qualifications", "courses", "progression", "nation_facts",
    }  # fmt: skip
    assert one["role"] == role
    for kind, fields in [
        ("entry_routes", ROUTE),
        ("qualifications", QUALIFICATION),
        ("courses", COURSE),
        ("progression", STAGE),
        ("nation_facts", NATION_FACT),
    ]:
        assert one[kind], kind
        for record in one[kind]:
            assert set(record) == fields, kind
            assert_provenance(record)
    for route in one["entry_routes"]:
        for requirement in route["requirements"]:
            assert set(requirement) == REQUIREMENT
    courses = document(client, COURSES)
    assert set(courses) == HEADER | {"courses"}
    assert all(set(course) == COURSE for course in courses["courses"])
    fees = [fee for course in courses["courses"] for fee in course["fees"]]
    assert fees and all(set(fee) == FEE for fee in fees)


def test_records_carry_their_sources_with_the_dates_they_give(client, seeded):
    one = document(client, ROLE)
    route = next(r for r in one["entry_routes"] if r["slug"] == "apprenticeship")
    assert route["sources"] and route["last_reviewed"]
    assert {"date_given", "last_checked"} <= set(route["sources"][0])
    fee = next(f for c in one["courses"] for f in c["fees"] if c["slug"] == "south-wales")
    assert (fee["amount"], fee["basis"], fee["per_credits"]) == (1850, "per_credits", 20)
    starting = one["role"]["starting_pay"]
    assert (starting["minimum"], starting["maximum"], starting["pay_year"]) == (
        38682, 46580, "2025/26",
    )  # fmt: skip


def test_only_published_records_are_shown(client, seeded):
    EntryRoute.objects.filter(slug="apprenticeship").update(is_published=False)
    Programme.objects.filter(slug="guildhall").update(is_published=False)
    NationFact.objects.filter(topic="checks", nation="wales").update(is_published=False)
    Requirement.objects.filter(slug__startswith="english").update(is_published=False)
    PayFigure.objects.filter(slug="ncs-range").update(is_published=False)
    Role.objects.filter(slug="art-therapist").update(is_published=False)
    bodies = {url: client.get(url).content.decode() for url in DOCUMENTS}
    one = json.loads(bodies[ROLE])
    assert [r["slug"] for r in one["entry_routes"]] == ["postgraduate"]
    courses = json.loads(bodies[COURSES])["courses"]
    assert "guildhall" not in [c["slug"] for c in courses + one["courses"]]
    assert not any("guildhall" in r["course_slugs"] for r in one["entry_routes"])
    assert not any(f["topic"] == "checks" and f["nation"] == "wales" for f in one["nation_facts"])
    assert "IELTS" not in bodies[ROLE]
    assert "ncs-range" not in bodies[ROLES]
    assert "art-therapist" not in bodies[ROLES] + bodies[COURSES]
    missing = client.get("/careers/art-therapist/data.json")
    assert missing.status_code == 404 and missing.json() == {
        "error": "No published role with that address."
    }
    assert missing["Access-Control-Allow-Origin"] == "*"


def test_an_editors_name_is_never_published(client, seeded, django_user_model):
    editor = django_user_model.objects.create_user("jane-the-editor", password="x" * 20)
    Source.objects.update(checked_by=editor)
    for url in DOCUMENTS:
        body = client.get(url).content.decode()
        assert "jane-the-editor" not in body and "checked_by" not in body, url


@pytest.mark.parametrize("url", DOCUMENTS)
def test_any_site_may_read_it_and_browsers_revalidate_with_an_etag(client, seeded, url):
    response = client.get(url)
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response and "public" in response["Cache-Control"]
    again = client.get(url, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    zipped = client.get(url, HTTP_ACCEPT_ENCODING="gzip")  # from the page cache
    assert zipped["Content-Encoding"] == "gzip" and zipped["Access-Control-Allow-Origin"] == "*"


def test_a_content_change_is_in_the_json_at_once(client, seeded):
    before = document(client, ROLES)
    Role.objects.filter(slug="music-therapist").update(summary="A summary written just now.")
    after = document(client, ROLES)
    music = next(role for role in after["roles"] if role["slug"] == "music-therapist")
    assert music["summary"] == "A summary written just now."
    assert after["content_version"] != before["content_version"]


def test_every_published_role_is_listed_and_courses_name_their_roles(client, seeded):
    roles = document(client, ROLES)["roles"]
    assert [r["slug"] for r in roles] == ["art-therapist", "dramatherapist", "music-therapist"]
    assert roles[0]["data_url"] == "http://testserver/careers/art-therapist/data.json"
    courses = {c["slug"]: c for c in document(client, COURSES)["courses"]}
    assert courses["derby-dramatherapy"]["role_slugs"] == ["dramatherapist"]
    assert courses["queen-margaret"]["role_slugs"] == ["music-therapist"]


def occupation(client, url):
    html = client.get(url).content.decode()
    return json.loads(html.split('<script type="application/ld+json">')[1].split("</script>")[0])


def test_the_role_pages_occupation_agrees_with_the_json(client, seeded):
    jsonld = occupation(client, "/careers/music-therapist/")
    role = document(client, ROLE)["role"]
    assert jsonld["name"] == role["title"]
    assert jsonld["description"] == role["summary"]
    assert jsonld["alternateName"] == role["alternative_titles"]
    scaled = [(p["minimum"], p["maximum"]) for p in role["pay"] if p["scale"]]
    salaries = [(s["minValue"], s["maxValue"]) for s in jsonld["estimatedSalary"]]
    assert salaries == scaled and salaries
    for salary, pay in zip(
        jsonld["estimatedSalary"], [p for p in role["pay"] if p["scale"]], strict=True
    ):
        assert pay["label"] in salary["name"] and pay["pay_year"] in salary["name"]
        assert salary["currency"] == pay["currency"] == "GBP"
    # An edit reaches both.
    PayFigure.objects.filter(slug="nhs-band-6").update(minimum=39000)
    assert (
        occupation(client, "/careers/music-therapist/")["estimatedSalary"][0]["minValue"] == 39000
    )
    assert document(client, ROLE)["role"]["starting_pay"]["minimum"] == 39000


# Queries to build each document once per content version: the content version, the roles
# with each list, and the sources of each kind of record cited.
BUILT = {ROLES: 19, COURSES: 19, ROLE: 19}


@pytest.mark.parametrize("url", DOCUMENTS)
def test_each_document_reads_a_fixed_number_of_queries(
    client, seeded, url, django_assert_num_queries
):
    with django_assert_num_queries(BUILT[url]):
        client.get(url)
    caches["pages"].clear()
    with django_assert_num_queries(1):
        client.get(url)
    make_role("play-therapist", "Play therapist")  # more of every kind, a new version
    with django_assert_num_queries(BUILT[url]):
        client.get(url)
