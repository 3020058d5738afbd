"""The role page's key facts give the range of the courses' published home fees, with the
year each gives, beside who usually pays (issue 16). Pathways adds the list to the role
page's lists, read once per content version."""

import re
from decimal import Decimal

import pytest

from careers.models import Role
from pathways.models import Programme, ProgrammeFee
from tests.careers.test_key_facts import key_facts, key_facts_text

pytestmark = pytest.mark.django_db


def fee_fact(client):
    panel = key_facts(client)
    row = panel[panel.index('id="key-fact-fees"') :]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row[: row.index("</div>")]))


def test_key_facts_give_the_one_published_home_fee_and_who_pays(client, seeded):
    fact = fee_fact(client)
    assert "£16,650 for a whole course, home students" in fact  # 9 × £1,850 per 20 credits
    assert "year not given" in fact and "the 1 course that publishes a fee" in fact
    role = Role.objects.get(slug="music-therapist")
    assert role.key_cost.replace("'", "&#x27;") in key_facts_text(key_facts(client)), "who pays"


def test_key_facts_give_a_range_with_the_years(client, seeded):
    ProgrammeFee.objects.create(
        programme=Programme.objects.get(slug="queen-margaret"),
        slug="home-full-time",
        status="home",
        mode="full_time",
        amount=Decimal("14000"),
        basis="total",
        year="2026/27",
    )
    fact = fee_fact(client)
    assert "£14,000 to £16,650 for a whole course" in fact
    assert "2026/27" in fact and "the 2 courses that publish a fee" in fact


def test_unpublished_or_international_fees_are_not_in_the_range(client, seeded):
    programme = Programme.objects.get(slug="roehampton")
    ProgrammeFee.objects.create(
        programme=programme,
        slug="international",
        status="international",
        mode="full_time",
        amount=Decimal("99999"),
        basis="total",
    )
    ProgrammeFee.objects.create(
        programme=programme,
        slug="home",
        status="home",
        mode="full_time",
        amount=None,
    )
    assert "£16,650 for a whole course" in fee_fact(client)
    assert "99,999" not in fee_fact(client)
