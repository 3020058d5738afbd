"""What a plan says it will cost (issue 16): course fees as their providers publish them,
with their years, added up with the checks and HCPC fees, less the visitor's student
finance, as a £ range; "at least" where a cost has no published figure. On 2 December 2026,
with the per-nation facts of ``test_plan_page`` and the shipped University of South Wales
fee (£1,850 per 20 credits part time, 180 credits)."""

from datetime import date

import pytest
from django.utils import timezone

from pathways.models import Programme, ProgrammeFee
from tests.pathways.test_plan_page import nations, plan_page, section, text  # noqa: F401

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 2)


@pytest.fixture
def fees(nations, monkeypatch):  # noqa: F811
    monkeypatch.setattr(timezone, "localdate", lambda *args: TODAY)
    return nations


def left_to_find(html):
    return text(section(html, "left-to-find").split("</div>")[0])


def test_a_fee_per_credits_is_stored_as_published_and_shown_with_the_course_total(fees):
    fee = ProgrammeFee.objects.get(programme__slug="south-wales", status="home")
    assert (fee.amount, fee.basis, fee.per_credits, fee.course_credits) == (
        1850,
        "per_credits",
        20,
        180,
    )
    assert fee.course_total == 16650
    assert [source.slug for source in fee.sources.all()] == ["usw-music-therapy"]


def test_fees_show_with_their_years_or_say_the_year_is_not_given(client, fees):
    html = plan_page(client, stage="graduate", degree="music", nation="scotland", mode="full_time")
    qmu = text(section(html, "courses").split('id="course-queen-margaret"')[1].split("</tr>")[0])
    assert "£14,000 for the whole course" in qmu and "(2026/27)" in qmu
    html = plan_page(client, stage="graduate", degree="music", nation="wales", mode="part_time")
    usw = text(section(html, "courses").split('id="course-south-wales"')[1].split("</tr>")[0])
    assert "£1,850 per 20 credits: £16,650 for the course" in usw
    assert "(year not given)" in usw
    roehampton = text(section(html, "courses").split('id="course-roehampton"')[1].split("</tr>")[0])
    assert "Not published" in roehampton


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        # QMU £14,000 + HCPC £86.34 + £123.34 (PVG unpriced) less SAAS £7,000 + £6,900.
        ({"nation": "scotland", "mode": "full_time"}, "at least £309.68"),
        # USW £16,650 + DBS £49.50 + HCPC, less the Master's Loan £12,858: no English
        # part-time course publishes a fee, so the one course that fits and does counts.
        ({"nation": "england", "mode": "part_time"}, "at least £4,051.18"),
        # No course in Northern Ireland: USW £16,650 + HCPC less the £6,500 tuition loan.
        ({"nation": "northern_ireland", "mode": "part_time"}, "at least £10,359.68"),
        # No Scottish course runs part time: with SAAS's loans, and without them.
        ({"nation": "scotland", "mode": "part_time"}, "at least £2,959.68 to £16,859.68"),
    ],
    ids=["scotland-full-time", "england-part-time", "northern-ireland", "scotland-part-time"],
)
def test_a_plan_adds_up_what_is_left_to_find_as_a_pound_range(client, fees, answers, expected):
    html = plan_page(client, stage="graduate", degree="music", practice="advanced", **answers)
    assert f"Left to find: {expected}" in left_to_find(html)
    assert expected in text(section(html, "summary-money"))
    assert "personal therapy" in left_to_find(html), "the unpriced costs are named"


def test_the_one_trainee_estimate_is_labelled_as_one_persons_figure(client, fees):
    html = plan_page(client, stage="graduate", degree="music", nation="england")
    estimate = text(section(html, "trainee-estimate").split("</p>")[0])
    assert "£40,000 for two years of fees and living costs" in estimate
    assert "one person's figure" in estimate.replace("&#x27;", "'")


def test_without_a_published_fee_the_total_says_it_is_not_known(client, fees):
    html = plan_page(client, stage="graduate", degree="music", nation="england", mode="full_time")
    assert "Left to find: not known yet: no course that fits publishes its fee" in left_to_find(
        html
    )
    assert "The costs we can add up come to £259.18" in left_to_find(html)


def test_scottish_support_outside_scotland_is_only_what_the_source_says(client, fees):
    html = plan_page(client, stage="graduate", degree="music", nation="scotland", mode="part_time")
    money = text(section(html, "money"))
    assert "SAAS may not fund a course outside Scotland" in money
    assert "Not yet confirmed" in money
    html = plan_page(client, stage="graduate", degree="music", nation="wales", mode="full_time")
    assert "Your student finance follows you" in text(section(html, "money"))


def test_an_unpublished_amount_is_not_a_fee(client, fees):
    ProgrammeFee.objects.create(
        programme=Programme.objects.get(slug="roehampton"),
        slug="home-part-time",
        status="home",
        mode="part_time",
        amount=None,
    )
    html = plan_page(client, stage="graduate", degree="music", nation="england", mode="part_time")
    assert "at least £4,051.18" in left_to_find(html)
