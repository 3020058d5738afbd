"""A cache hit as cheap as a static file: the version read at most once a second per
process, the stored gzip sent as it is, hot pages kept in the process in front of a shared
cache, and an editor's save seen at once in the process that saved it."""

import gzip
from unittest import mock

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from core.models import Snippet
from core.pagecache import LocalCopy, PageCacheMiddleware, canonical_query
from core.versions import bump_content_version

pytestmark = pytest.mark.django_db

ROLE = "/careers/music-therapist/"


def test_a_hit_reads_the_version_at_most_once_a_second(client, seeded):
    client.get(ROLE)
    with override_settings(CONTENT_VERSION_TTL=1), CaptureQueriesContext(connection) as queries:
        for _ in range(5):
            assert client.get(ROLE).status_code == 200
    reads = [q for q in queries if "core_contentversion" in q["sql"]]
    assert len(queries) == len(reads) <= 1
    assert reads == [] or reads[0]["sql"].startswith("SELECT number FROM")


def test_a_hit_makes_no_health_check_query(client, seeded, settings):
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is False
    client.get(ROLE)
    with CaptureQueriesContext(connection) as queries:
        client.get(ROLE)
    assert [q["sql"] for q in queries] == ["SELECT number FROM core_contentversion WHERE id = 1"]


def test_the_stored_gzip_is_sent_as_it_is(client, seeded):
    client.get(ROLE)
    with (
        mock.patch("gzip.compress", side_effect=AssertionError),
        mock.patch("gzip.decompress", side_effect=AssertionError),
    ):
        zipped = client.get(ROLE, HTTP_ACCEPT_ENCODING="gzip")
    assert zipped["Content-Encoding"] == "gzip"
    assert b"<html" in gzip.decompress(zipped.content)


def test_hot_pages_are_kept_in_the_process_in_front_of_a_shared_cache(seeded, rf):
    middleware = PageCacheMiddleware(lambda request: pytest.fail("rendered"))
    middleware.local = LocalCopy(2)
    key = "page:k"
    middleware.local.set(key, (200, {"ETag": '"e"'}, gzip.compress(b"<html>kept</html>"), None))
    with (
        mock.patch.object(middleware, "key", return_value=key),
        mock.patch.object(
            middleware.cache, "get", side_effect=AssertionError("asked the shared cache")
        ),
    ):
        response = middleware(rf.get(ROLE))
    assert response.content == b"<html>kept</html>"
    for name in ["a", "b", "c"]:
        middleware.local.set(name, "entry")
    assert middleware.local.get(key) is None  # the least recently used made way


@pytest.mark.django_db(transaction=True)  # the version moves when the save commits
def test_an_editors_save_is_seen_at_once_in_the_process_that_saved(client, seeded):
    assert "Find your way" in client.get("/").content.decode()
    with override_settings(CONTENT_VERSION_TTL=60):
        client.get("/")  # the version is remembered for a minute
        snippet = Snippet.objects.get(slug="home-intro")
        snippet.text = "Seen at once by the editor."
        snippet.save()
        assert "Seen at once by the editor." in client.get("/").content.decode()


PLAN = ROLE + "next-steps/?stage=graduate&degree=music&utm_source=x&nation=wales"


def test_a_hit_on_a_plan_link_works_out_its_query_once_per_content_version(client, seeded):
    """A shared plan link is asked for again and again: its query string is made canonical
    (the view's parameters only, in order, values checked) once, not at every hit."""
    first = client.get(PLAN, HTTP_ACCEPT_ENCODING="gzip")
    with mock.patch("core.pagecache.canonical_query", side_effect=AssertionError("parsed")):
        again = client.get(PLAN, HTTP_ACCEPT_ENCODING="gzip")
    assert again.content == first.content and again["ETag"] == first["ETag"]
    bump_content_version()
    with mock.patch("core.pagecache.canonical_query", wraps=canonical_query) as parsed:
        after = client.get(PLAN)
    assert parsed.call_count == 1
    assert after.status_code == 200
    assert after.wsgi_request.GET.urlencode() == "stage=graduate&degree=music&nation=wales"
