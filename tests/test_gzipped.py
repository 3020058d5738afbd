"""A kept page is gzipped from pieces compressed once (``core.gzipped``): what a visitor
unzips is the page as served, for every host and set of answers, and a stored page is as
small as the page compressed at once."""

import gzip
from unittest import mock

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.gzipped import deflated, gzip_pieces
from core.templatetags.fragments import DEFLATED_KEPT

pytestmark = pytest.mark.django_db

ROLE = "/careers/music-therapist/"
PLANNER = "/careers/music-therapist/next-steps/"


@given(
    pieces=st.lists(st.tuples(st.binary(max_size=3000), st.booleans()), max_size=6),
    level=st.sampled_from([1, 6]),
)
def test_pieces_compressed_apart_unzip_to_the_whole(pieces, level):
    content = b"".join(data for data, _ in pieces)
    given = [(deflated(data, level), True) if done else (data, False) for data, done in pieces]
    assert gzip.decompress(gzip_pieces(content, given, level)) == content


def unzipped(client, url, host):
    response = client.get(url, HTTP_HOST=host, HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200 and response["Content-Encoding"] == "gzip"
    return gzip.decompress(response.content)


def test_plans_made_for_every_request_unzip_to_the_plan_as_served(client, seeded, settings):
    """Each with its own answers and address put in, and none compressed whole."""
    settings.PAGE_CACHE_SECONDS = 0
    settings.ALLOWED_HOSTS = ["testserver", "example.org"]
    graduate = PLANNER + "?stage=graduate&nation=wales&age=22_to_24"
    same_steps = PLANNER + "?stage=graduate&nation=wales&age=25_or_over"
    plain = {
        (url, host): client.get(url, HTTP_HOST=host).content
        for url in (graduate, same_steps)
        for host in ("testserver", "example.org")
    }
    with mock.patch("gzip.compress", side_effect=AssertionError("compressed whole")):
        for (url, host), page in plain.items():
            assert unzipped(client, url, host) == page
    assert b"http://example.org/careers/" in plain[graduate, "example.org"]
    assert plain[graduate, "testserver"] != plain[same_steps, "testserver"]


def test_a_stored_page_is_as_small_as_the_page_compressed_at_once(client, seeded, settings):
    settings.PAGE_CACHE_SECONDS = 600
    for url in (ROLE, ROLE + "qualifications/", PLANNER + "?stage=graduate&nation=wales"):
        plain = client.get(url).content
        stored = client.get(url, HTTP_ACCEPT_ENCODING="gzip").content
        assert gzip.decompress(stored) == plain
        assert len(stored) <= len(gzip.compress(plain, 6)) * 1.01, url


def test_a_kept_page_keeps_compressed_copies_for_a_few_hosts_only(client, seeded, settings):
    """Any port makes another host: a visitor sending many must not grow the kept page."""
    settings.PAGE_CACHE_SECONDS = 0
    for port in range(1, 11):
        response = client.get(ROLE, HTTP_HOST=f"testserver:{port}", HTTP_ACCEPT_ENCODING="gzip")
        page = gzip.decompress(response.content)
        assert f'href="http://testserver:{port}/careers/music-therapist/"'.encode() in page
    assert len(response.wsgi_request.kept_page.kept.deflated) == DEFLATED_KEPT
