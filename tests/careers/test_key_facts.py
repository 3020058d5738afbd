"""The role page opens with its key facts, each from the content and dated."""

import re
from datetime import date
from unittest import mock

import pytest

from careers.models import PayFigure, Role

pytestmark = pytest.mark.django_db


def key_facts(client):
    html = client.get("/careers/music-therapist/").content.decode()
    start = html.index('class="app-key-facts"')
    assert start < html.index('class="app-journey'), "the panel comes before the journey links"
    return html[start : html.index("</aside>", start)]


def key_facts_text(panel):
    """The panel's words as a reader meets them, without the definitions that open in place."""
    return re.sub(r"<[^>]+>", "", re.sub(r'<span class="app-define__text">.*?</span>', "", panel))


def test_key_facts_show_pay_with_its_year_hours_training_cost_and_entry(client, seeded):
    role = Role.objects.get(slug="music-therapist")
    pay = PayFigure.objects.filter(roles=role, is_published=True).order_by("position", "pk")[0]
    panel = key_facts(client)
    assert f"£{pay.minimum:,} to £{pay.maximum:,} a year" in panel
    assert f"{pay.pay_year} pay year" in panel
    read = key_facts_text(panel)
    for text in [role.key_training, role.key_cost, role.key_entry]:
        assert text and text.replace("'", "&#x27;") in read
    assert "/careers/music-therapist/next-steps/" in panel


def test_key_facts_say_when_the_pay_year_has_passed(client, seeded):
    with mock.patch("core.years.timezone.localdate", return_value=date(2031, 5, 1)):
        assert "a newer pay year now applies" in key_facts(client)
    with mock.patch("core.years.timezone.localdate", return_value=date(2020, 5, 1)):
        assert "a newer pay year now applies" not in key_facts(client)
