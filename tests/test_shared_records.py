"""Records that several roles share are stored once: the arts therapist apprenticeship, the
facts per nation that do not depend on the role, NHS pay and HCPC registration. A correction
made once reaches every role's pages, and a shared route has a page under each role."""

import pytest
from django.forms import modelform_factory

from careers.admin import PayFigureForm
from careers.models import NationFact, PayFigure, Role
from pathways.models import EntryRoute, Qualification

pytestmark = pytest.mark.django_db

SHARED_MODELS = (EntryRoute, NationFact, PayFigure, Qualification)


@pytest.fixture
def second_role(seeded):
    """A second published role that shares every shared record the music therapist has."""
    music = Role.objects.get(slug="music-therapist")
    other = Role.objects.get(pk=music.pk)
    other.pk = other.id = None
    other._state.adding = True
    other.slug, other.title = "second-therapist", "Second therapist"
    other.save()
    for model in SHARED_MODELS:
        for record in model.objects.filter(roles=music):
            record.roles.add(other)
    return other


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_a_shared_fact_corrected_once_shows_on_every_roles_pages(client, second_role):
    fact = NationFact.objects.get(slug="checks-scotland")
    fact.title = "Protecting Vulnerable Groups membership, corrected once"
    fact.save()
    for role in ("music-therapist", second_role.slug):
        assert fact.title in page(client, f"/careers/{role}/qualifications/"), role


def test_a_shared_route_has_a_page_under_each_role_it_applies_to(client, second_role):
    for role in ("music-therapist", second_role.slug):
        html = page(client, f"/careers/{role}/entry-routes/apprenticeship/")
        title = Role.objects.get(slug=role).title
        assert f">{title}</a>" in html, role  # the breadcrumbs lead back to this role
    EntryRoute.objects.get(slug="apprenticeship").roles.remove(second_role)
    assert (
        client.get(f"/careers/{second_role.slug}/entry-routes/apprenticeship/").status_code == 404
    )
    assert client.get("/careers/music-therapist/entry-routes/apprenticeship/").status_code == 200


def test_the_sitemap_lists_a_shared_route_under_each_role(client, second_role):
    xml = page(client, "/sitemap.xml")
    for role in ("music-therapist", second_role.slug):
        assert f"/careers/{role}/entry-routes/apprenticeship/</loc>" in xml


def test_a_route_of_one_role_only_is_not_on_the_other_roles_pages(client, second_role):
    postgraduate = EntryRoute.objects.get(slug="postgraduate")
    postgraduate.roles.remove(second_role)
    assert client.get(f"/careers/{second_role.slug}/entry-routes/postgraduate/").status_code == 404
    html = page(client, f"/careers/{second_role.slug}/entry-routes/")
    assert postgraduate.name not in html
    assert postgraduate.name in page(client, "/careers/music-therapist/entry-routes/")


def test_a_second_starting_figure_for_a_role_is_refused(second_role):
    form_class = modelform_factory(PayFigure, form=PayFigureForm, exclude=["sources"])
    band_7 = PayFigure.objects.get(slug="nhs-band-7")
    data = {
        field: value
        for field, value in form_class(instance=band_7).initial.items()
        if value is not None
    }
    data.update(is_starting_figure="on", roles=[second_role.pk])
    form = form_class(data, instance=band_7)
    assert not form.is_valid()
    assert "already the starting figure" in str(form.errors["is_starting_figure"])


def test_every_shared_record_keeps_a_role_after_the_move_to_many_roles(seeded):
    for model in SHARED_MODELS:
        assert not model.objects.filter(roles=None).exists(), model.__name__
    assert Qualification.objects.get(slug="hcpc-registration").roles.count() >= 1
