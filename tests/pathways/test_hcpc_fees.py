"""The HCPC's fees are stored once, in their fee records, and every page renders them from
there (issue 17): change one record and no page still shows the old value."""

from decimal import Decimal

import pytest
from django.core.cache import caches

from careers.models import Role
from pathways.models import PlanNote, Qualification

pytestmark = pytest.mark.django_db

ROLE = "/careers/music-therapist/"
PAGES = [
    ROLE,
    ROLE + "qualifications/",
    ROLE + "entry-routes/",
    ROLE + "next-steps/?stage=graduate&degree=music&nation=england&mode=full_time",
    ROLE + "next-steps/?stage=graduate&degree=music&nation=outside_uk",
    ROLE + "next-steps/?stage=qualified&nation=outside_uk",
]
FEES = {
    "hcpc-application-fee": ("86.34", "91.17"),
    "hcpc-registration-fee": ("123.34", "130.25"),
    "hcpc-international-fee": ("678.38", "702.50"),
}


def pages(client):
    caches["pages"].clear()
    shown = {}
    for url in PAGES:
        response = client.get(url)
        assert response.status_code == 200, url
        shown[url] = response.content.decode()
    return shown


def test_no_text_types_an_hcpc_fee(seeded):
    role = Role.objects.get(slug="music-therapist")
    registration = Qualification.objects.get(slug="hcpc-registration")
    for old, _ in FEES.values():
        assert old not in role.training_costs and old not in registration.description


def test_the_qualifications_page_shows_each_hcpc_fee_with_its_date(client, seeded):
    html = pages(client)[ROLE + "qualifications/"]
    costs = html[html.index('id="hcpc-fees"') :]
    card = html[html.index('id="fees-hcpc-registration"') :]
    for fee in ("£86.34 to apply", "£123.34 a year", "£678.38 to apply"):
        assert fee in costs[: costs.index("</ul>")] and fee in card[: card.index("</ul>")]
    assert "since 29 April 2025" in costs[: costs.index("</ul>")]


@pytest.mark.parametrize("slug", FEES)
def test_changing_one_fee_record_changes_every_page(client, seeded, slug):
    old, new = FEES[slug]
    before = pages(client)
    assert any(old in html for html in before.values()), slug
    note = PlanNote.objects.get(slug=slug, role__slug="music-therapist")
    note.amount = Decimal(new)
    note.save()  # as the admin saves it: the content version moves
    after = pages(client)
    for url, html in after.items():
        assert old not in html, (slug, url)
    assert sum(new in html for html in after.values()) >= 2, slug
