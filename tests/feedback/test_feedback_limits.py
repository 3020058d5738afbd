"""Feedback is limited per network, not per exact address, and only about pages that exist."""

import pytest

from feedback.models import Feedback

pytestmark = pytest.mark.django_db

ROLE = "/careers/music-therapist/"


def send(client, page=ROLE, address="203.0.113.9"):
    data = {"page": page, "useful": "no", "comment": "", "website": ""}
    return client.post("/feedback/", data, REMOTE_ADDR=address)


def test_one_ipv6_network_is_one_sender(client, seeded):
    statuses = [send(client, address=f"2001:db8:1:2::{n:x}").status_code for n in range(1, 7)]
    assert statuses == [303] * 5 + [429]
    assert send(client, address="2001:db8:1:3::1").status_code == 303  # another /64
    assert send(client, address="203.0.113.10").status_code == 303  # IPv4: per address


@pytest.mark.parametrize(
    "page",
    [
        "/careers/no-such-role/",
        "/careers/no-such-role/skills/",
        ROLE + "entry-routes/no-such-route/",
    ],
)
def test_feedback_about_a_page_that_does_not_exist_is_refused(client, seeded, page):
    assert send(client, page=page).status_code == 400
    assert not Feedback.objects.exists()


def test_feedback_about_a_route_page_that_exists_is_kept(client, seeded):
    assert send(client, page=ROLE + "entry-routes/postgraduate/").status_code == 303
    assert Feedback.objects.count() == 1
