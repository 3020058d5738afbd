"""The facts a reader decides on, as corrected in the December 2026 review, and the rules
that keep them true: figures stored once, the starting figure chosen, periods that end."""

from datetime import date
from unittest import mock

import pytest
from django.core.cache import caches
from django.urls import reverse

from careers.models import NationFact, PayFigure
from core.periods import has_ended, parse_period
from pathways.models import EntryRoute, PlanNote
from tests.careers.test_editing import form_as_browser_sends_it
from tests.factories import admin_url

pytestmark = pytest.mark.django_db

ROLE = "/careers/music-therapist/"
QUALIFICATIONS = ROLE + "qualifications/"


def page(client, url):
    caches["pages"].clear()
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def key_facts(html):
    return html[html.index('id="key-facts-heading"') : html.index("</aside>")]


def test_the_2026_27_award_is_stated_and_the_last_confirmed_table_keeps_its_year(client, seeded):
    html = page(client, ROLE)
    assert "3.3%" in html and "1 April 2026" in html
    assert "£38,682" in html and "2025/26" in html  # the last table we could confirm
    assert "disagree" not in html  # the 2.5% evidence was superseded
    band6 = PayFigure.objects.get(slug="nhs-band-6")
    assert band6.pay_year == "2025/26" and band6.is_starting_figure


def test_wales_offers_a_loan_only(client, seeded):
    wales = NationFact.objects.get(slug="finance-wales")
    assert "loan only" in wales.text and "grant" not in wales.title.lower()
    assert "part grant" not in page(client, QUALIFICATIONS)


def test_key_facts_give_hours_per_nation_and_band_6_with_its_pay_year(client, seeded):
    facts = key_facts(page(client, ROLE))
    assert "England: 37.5 hours a week" in facts
    assert "Scotland: 36 hours a week from 1 April 2026" in facts
    assert "37 to 39" not in facts
    assert "band 6" in facts and "2025/26" in facts


def test_a_fee_in_force_since_a_date_never_says_a_newer_year_applies(seeded):
    dbs = NationFact.objects.get(slug="checks-england")
    hcpc = PlanNote.objects.get(slug="hcpc-registration-fee", role__slug="music-therapist")
    assert dbs.effective_from == date(2024, 12, 2) and hcpc.effective_from == date(2025, 4, 29)
    for day in (date(2026, 12, 2), date(2031, 1, 1)):
        with mock.patch("django.utils.timezone.localdate", return_value=day):
            assert not dbs.is_out_of_date and not hcpc.is_out_of_date


def test_a_loan_cap_says_a_newer_year_applies_only_once_its_academic_year_ends(client, seeded):
    england = NationFact.objects.get(slug="finance-england")
    plan = "/careers/music-therapist/next-steps/?stage=graduate&degree=music&nation=england"
    with mock.patch("django.utils.timezone.localdate", return_value=date(2026, 8, 31)):
        assert not england.is_out_of_date
        assert "a newer year now applies" not in page(client, plan)
    with mock.patch("django.utils.timezone.localdate", return_value=date(2026, 9, 1)):
        assert england.is_out_of_date
        assert "2025/26: a newer year now applies" in page(client, plan)


def test_periods_parse_and_end_in_one_place():
    assert parse_period("2026/27") == 2026 and parse_period("undated") is None
    for bad in ("last year", "2026/28", "26/27"):
        with pytest.raises(ValueError):
            parse_period(bad)
    assert not has_ended("2026/27", "pay", today=date(2027, 3, 31))
    assert has_ended("2026/27", "pay", today=date(2027, 4, 1))
    assert not has_ended("", "pay", today=date(2099, 1, 1))


def test_changing_the_band_6_record_changes_every_page_that_shows_it(client, seeded):
    PayFigure.objects.filter(slug="nhs-band-6").update(minimum=40123)
    PayFigure.objects.get(slug="nhs-band-6").save()  # a save, as the admin makes, bumps the version
    role, qualifications = page(client, ROLE), page(client, QUALIFICATIONS)
    plan = page(client, ROLE + "next-steps/?stage=qualified&nation=england")
    for html in (role, key_facts(role), qualifications, plan):
        assert "38,682" not in html
    assert "£40,123" in key_facts(role) and "£40,123" in qualifications


def test_unpublishing_the_starting_figure_is_refused_in_the_admin(editor_client, seeded):
    band6 = PayFigure.objects.get(slug="nhs-band-6")
    changelist = admin_url(PayFigure, "changelist")
    editor_client.post(changelist, {"action": "unpublish", "_selected_action": [band6.pk]})
    band6.refresh_from_db()
    assert band6.is_published
    url = admin_url(PayFigure, "change", band6.pk)
    data = form_as_browser_sends_it(editor_client, url)
    data.pop("is_published", None)
    response = editor_client.post(url, data)
    assert response.status_code == 200 and "starting figure" in response.content.decode()
    band6.refresh_from_db()
    assert band6.is_published


def test_the_page_never_promotes_another_band_to_starting_pay(client, seeded):
    PayFigure.objects.filter(slug="nhs-band-6").update(is_published=False)
    PayFigure.objects.get(slug="nhs-band-7").save()
    facts = key_facts(page(client, ROLE))
    assert "Starting pay" not in facts and "£47,810" not in facts


def test_only_one_starting_figure_per_role(seeded):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        PayFigure.objects.filter(slug="nhs-band-7").update(is_starting_figure=True)


@pytest.mark.parametrize(
    "pay_year, ok", [("2026/27", True), ("undated", True), ("last year", False), ("2026/28", False)]
)
def test_the_admin_takes_a_pay_year_as_2026_27_or_undated(editor_client, seeded, pay_year, ok):
    pay = PayFigure.objects.get(slug="nhs-band-7")
    url = admin_url(PayFigure, "change", pay.pk)
    data = form_as_browser_sends_it(editor_client, url)
    data.update(pay_year=pay_year, minimum="not a number" if not ok else data["minimum"])
    response = editor_client.post(url, data)
    pay.refresh_from_db()
    assert (pay.pay_year == pay_year) is ok
    if not ok:
        assert response.status_code == 200
        assert "2026/27" in response.content.decode()
        assert "Enter a whole number" in response.content.decode()


def test_a_slug_another_route_has_had_cannot_be_taken(editor_client, seeded):
    postgraduate = EntryRoute.objects.get(slug="postgraduate")
    postgraduate.slug = "postgraduate-course"
    postgraduate.save()  # "postgraduate" now redirects here
    apprenticeship = EntryRoute.objects.get(slug="apprenticeship")
    url = admin_url(EntryRoute, "change", apprenticeship.pk)
    data = form_as_browser_sends_it(editor_client, url)
    data.update(slug="postgraduate", _confirm_slug_change="1")
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "Another entry route has had this address" in response.content.decode()
    apprenticeship.refresh_from_db()
    assert apprenticeship.slug == "apprenticeship"


def test_changing_a_published_slug_asks_first_and_names_the_links(editor_client, seeded):
    route = EntryRoute.objects.get(slug="apprenticeship")
    url = admin_url(EntryRoute, "change", route.pk)
    data = form_as_browser_sends_it(editor_client, url)
    data["slug"] = "arts-therapist-apprenticeship"
    html = editor_client.post(url, data).content.decode()
    assert "/careers/music-therapist/entry-routes/apprenticeship/" in html
    assert 'name="_confirm_slug_change"' in html
    route.refresh_from_db()
    assert route.slug == "apprenticeship"
    data["_confirm_slug_change"] = "1"
    assert editor_client.post(url, data).status_code == 302
    route.refresh_from_db()
    assert route.slug == "arts-therapist-apprenticeship"


def test_the_review_list_shows_what_went_stale_first(editor_client, seeded):
    with mock.patch("django.utils.timezone.localdate", return_value=date(2026, 12, 2)):
        html = editor_client.get(reverse("admin_review")).content.decode()
    stale = html[html.index('id="gone-stale"') : html.index("Sources to check")]
    assert html.index('id="gone-stale"') < html.index("Records due for review")
    assert "Nordoff and Robbins (London)" in stale  # closed 20 January 2026
    assert "Newly qualified (NHS band 6)" in stale  # the 2025/26 pay year has ended
    assert "Enhanced DBS check" not in stale  # a fee in force since a date, no period


def test_the_admin_takes_dates_as_dates(editor_client, seeded):
    from pathways.models import Programme

    programme = Programme.objects.get(slug="roehampton")
    url = admin_url(Programme, "change", programme.pk)
    data = form_as_browser_sends_it(editor_client, url)
    data["closing_date"] = "next January"
    response = editor_client.post(url, data)
    assert response.status_code == 200 and "Enter a valid date" in response.content.decode()
    programme.refresh_from_db()
    assert programme.closing_date is None
