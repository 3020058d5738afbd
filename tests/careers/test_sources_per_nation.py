"""Each nation's facts cite that nation's own documents, or say plainly they are not
confirmed (issue 17): no Welsh or Northern Irish fact rests on a Scottish document."""

import pytest

from careers.models import NationFact, Organisation

pytestmark = pytest.mark.django_db


def test_wales_and_northern_ireland_hours_cite_no_scottish_document(seeded):
    for slug in ("hours-wales", "hours-northern-ireland"):
        fact = NationFact.objects.get(slug=slug)
        for source in fact.sources.all():
            assert "scot" not in source.url and "Scotland" not in source.publisher, (slug, source)
    northern_ireland = NationFact.objects.get(slug="hours-northern-ireland")
    assert any("hscni.net" in s.url for s in northern_ireland.sources.all())
    assert not northern_ireland.needs_verification
    wales = NationFact.objects.get(slug="hours-wales")
    assert wales.needs_verification and "Not confirmed" in wales.verification_note


def test_the_five_year_pvg_membership_has_a_source(seeded):
    scotland = NationFact.objects.get(slug="checks-scotland")
    assert "five years" in scotland.text
    assert any("Disclosure Scotland" in s.publisher for s in scotland.sources.all())


def test_a_volunteering_address_is_sourced_or_says_it_is_not_confirmed(seeded):
    for slug in (
        "volunteer-scotland",
        "volunteering-wales",
        "volunteer-now",
        "hsc-trusts",
        "nhs-scotland-health-boards",
        "nhs-wales-health-boards",
    ):
        organisation = Organisation.objects.get(slug=slug)
        if organisation.needs_verification:
            assert organisation.verification_note.startswith("Not confirmed"), slug
        else:
            assert organisation.sources.exists(), slug
