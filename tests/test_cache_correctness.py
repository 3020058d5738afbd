"""The caches stay correct through every kind of change and fault, in one process: restores,
writes that send no signals, schemes, encodings, free-valued parameters, hosts, a database
that fails or hangs, and the checks that keep views and models honest."""

import gzip
import time
from unittest import mock
from urllib.parse import quote

import brotli
import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.core.management import call_command
from django.db import OperationalError, connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from careers.models import Task
from core import versions
from core.models import ContentVersion, FixtureUpdate, Snippet
from core.versions import content_version

pytestmark = pytest.mark.django_db

ROLE = "/careers/music-therapist/"
QUALIFICATIONS = ROLE + "qualifications/"
PLANNER = ROLE + "next-steps/"
SKILLS = ROLE + "skills/"


def page_entries():
    return len(caches["pages"]._cache)


def edit_home(text):
    snippet = Snippet.objects.get(slug="home-intro")
    snippet.text = text
    snippet.save()


def test_a_restored_database_never_meets_pages_made_after_the_backup(client, seeded):
    backup = content_version(), Snippet.objects.get(slug="home-intro").text
    edit_home("Edit A, made after the backup.")
    assert "Edit A" in client.get("/").content.decode()  # cached under A's version
    # The restore: the version row and the content as they were at the backup.
    ContentVersion.objects.filter(pk=1).update(number=backup[0])
    Snippet.objects.filter(slug="home-intro").update(text=backup[1])
    ContentVersion.objects.filter(pk=1).update(number=backup[0])  # as restored, whole
    edit_home("Edit B, made after the restore.")
    home = client.get("/").content.decode()
    assert "Edit B, made after the restore." in home and "Edit A" not in home


@pytest.mark.parametrize("write", ["update", "bulk_update", "bulk_create"])
def test_writes_that_send_no_signals_still_move_the_version(client, seeded, write):
    task = Task.objects.filter(role__slug="music-therapist").order_by("position").first()
    assert task.text in client.get(ROLE).content.decode()  # now cached
    version = content_version()
    if write == "update":
        Task.objects.filter(pk=task.pk).update(text="Changed with QuerySet.update()")
    elif write == "bulk_update":
        task.text = "Changed with QuerySet.update()"
        Task.objects.bulk_update([task], ["text"])
    else:
        task.pk, task.slug, task.position = None, "a-new-task", 0
        task.text = "Changed with QuerySet.update()"
        Task.objects.bulk_create([task])
    assert content_version() != version
    assert "Changed with QuerySet.update()" in client.get(ROLE).content.decode()


def test_after_raw_sql_the_command_moves_the_version(client, seeded):
    task = Task.objects.filter(role__slug="music-therapist").order_by("position").first()
    client.get(ROLE)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Task._meta.db_table} SET text = %s WHERE id = %s", ["Raw.", task.pk]
        )
    assert "Raw." not in client.get(ROLE).content.decode()  # raw SQL sends nothing
    call_command("bump_content_version", stdout=mock.Mock())
    assert "Raw." in client.get(ROLE).content.decode()


def test_fixture_updates_waiting_for_editors_do_not_move_the_version(seeded):
    version = content_version()
    snippet = Snippet.objects.get(slug="home-intro")
    update = FixtureUpdate.objects.create(
        content_type=ContentType.objects.get_for_model(Snippet),
        object_id=snippet.pk,
        fixture_values={"fields": {}, "links": {}, "changed": []},
    )
    update.is_declined = True
    update.save()
    assert content_version() == version


def test_http_and_https_never_share_a_cached_page(client, seeded):
    client.get(ROLE)  # over http
    html = client.get(ROLE, secure=True).content.decode()
    assert '<link rel="canonical" href="https://testserver/careers/music-therapist/">' in html


@pytest.mark.parametrize(
    ("header", "encoding"),
    [
        ("gzip;q=0", None),
        ("gzip; q=0.0, identity", None),
        ("identity, *;q=0", None),
        ("br, deflate", "br"),
        ("gzip;q=0.5", "gzip"),
        ("*", "br"),
        ("br, GZIP", "br"),
        ("GZIP, br;q=0", "gzip"),
    ],
)
def test_accept_encoding_q_values_are_honoured(client, seeded, header, encoding):
    client.get(ROLE)
    response = client.get(ROLE, HTTP_ACCEPT_ENCODING=header)
    assert response.get("Content-Encoding") == encoding
    unzip = {"br": brotli.decompress, "gzip": gzip.decompress, None: bytes}[encoding]
    assert b"<html" in unzip(response.content)


def test_a_release_is_part_of_every_page_key(client, seeded):
    client.get(ROLE)
    entries = page_entries()
    with mock.patch("core.pagecache.release", return_value="another-release"):
        client.get(ROLE)
    assert page_entries() == entries + 1


def test_free_valued_parameters_make_no_new_entries(client, seeded):
    plan = PLANNER + "?stage=graduate&degree=music"
    pages = {
        plan + "&show=plan": [plan + f"&show={n}x" for n in range(20)],
        SKILLS + "?have=": [SKILLS + "?have=" + "&have=" * n for n in range(20)],
        "/feedback/thanks/?page=/": [f"/feedback/thanks/?page=/careers/x{n}/" for n in range(20)],
    }
    for first, variants in pages.items():
        expected = client.get(first)
        assert expected.status_code == 200
        entries = page_entries()
        for url in variants:
            response = client.get(url)
            assert response.status_code == 200, url
            assert response.content == expected.content, url
        assert page_entries() == entries, first
    ticked = client.get(SKILLS + "?have=musicianship&have=resilience")
    entries = page_entries()
    again = client.get(SKILLS + "?have=resilience&have=&have=musicianship&have=resilience")
    assert again.content == ticked.content
    assert page_entries() == entries


def test_a_journey_page_is_rendered_once_for_every_host_and_links_to_each(client, seeded):
    client.get(QUALIFICATIONS)
    objects = len(caches["objects"])
    for port in range(1000, 1040):
        html = client.get(QUALIFICATIONS, HTTP_HOST=f"127.0.0.1:{port}").content.decode()
        page = f"http://127.0.0.1:{port}/careers/music-therapist/qualifications/"
        assert f'<link rel="canonical" href="{page}">' in html
        assert f'<meta property="og:url" content="{page}">' in html
        assert f'id="page-url" type="text" value="{page}"' in html  # the link to copy
        assert f'body={quote(page, safe="/")}"' in html  # share by email
        assert "origin.invalid" not in html
    assert len(caches["objects"]) == objects


def test_the_objects_cache_keeps_only_the_live_version_and_evicts_its_least_used(seeded):
    cache = caches["objects"]
    for n in range(10):
        cache.get_or_build("old", n, lambda: "old value")
    cache.get_or_build("live", "hot", lambda: "hot value")
    assert len(cache) == 1  # the old version's values are gone
    with mock.patch.object(cache, "_max_entries", 5):
        for n in range(20):
            cache.get_or_build("live", "hot", mock.Mock(side_effect=AssertionError))
            cache.get_or_build("live", n, lambda: "cold value")
    assert len(cache) == 5
    assert cache.get_or_build("live", "hot", mock.Mock(side_effect=AssertionError)) == "hot value"


def test_the_objects_cache_keeps_at_most_max_bytes_of_pages(seeded):
    """Kept pages say their size: a flood of new plans evicts the least used entries until
    the pages are within ``MAX_BYTES``, however few the entries."""

    class Page:
        nbytes = 100_000

    cache = caches["objects"]
    kept = mock.Mock(side_effect=AssertionError)  # a build that must not happen
    with (
        mock.patch.object(cache, "_max_bytes", 350_000),
        mock.patch.object(cache, "_max_entries", 1000),
    ):
        cache.get_or_build("bytes", "hot page", Page)
        for n in range(10):
            cache.get_or_build("bytes", "data", lambda: "page data")
            cache.get_or_build("bytes", "hot page", kept)
            cache.get_or_build("bytes", n, Page)
        assert len(cache) == 4  # the data and three pages: 300,000 bytes
        assert cache.get_or_build("bytes", "data", kept) == "page data"
        assert isinstance(cache.get_or_build("bytes", "hot page", kept), Page)
        assert isinstance(cache.get_or_build("bytes", 9, kept), Page)
        cache.delete(9)
        cache.get_or_build("bytes", "another page", Page)
        cache.get_or_build("bytes", "one more", Page)
        assert len(cache) == 4


def failing_database():
    return mock.patch(
        "core.versions._select_version", side_effect=OperationalError("connection refused")
    )


def test_with_the_database_gone_cached_pages_are_served_and_others_fail_fast(client, seeded):
    assert client.get(ROLE).status_code == 200  # cached
    with failing_database():
        started = time.monotonic()
        assert client.get(ROLE).status_code == 200
        uncached = client.get(PLANNER + "?stage=school")
        health = client.get("/healthz")
        assert time.monotonic() - started < 1
    assert uncached.status_code == 503 and "Sorry, there is a problem" in uncached.content.decode()
    assert health.status_code == 503 and b"database: unavailable" in health.content


def test_with_the_database_hung_cached_pages_answer_within_a_second(client, seeded):
    assert client.get(ROLE).status_code == 200  # cached; the version is remembered
    versions.memo.read_at = float("-inf")  # due to be read again

    def hung():
        time.sleep(3)
        return 0

    with (
        override_settings(CONTENT_VERSION_TTL=1, CONTENT_VERSION_WAIT=0.3),
        mock.patch("core.versions._select_version", side_effect=hung),
    ):
        for url, status in [(ROLE, 200), (ROLE, 200), (PLANNER + "?stage=school", 503)]:
            started = time.monotonic()
            assert client.get(url).status_code == status, url
            assert time.monotonic() - started < 1, url
        versions.memo.read_at = float("-inf")
        started = time.monotonic()
        health = client.get("/healthz")
        assert time.monotonic() - started < 1
    assert health.status_code == 503 and b"not answering" in health.content


def test_healthz_says_when_the_disk_is_nearly_full_or_no_proxy_is_set(client, seeded, settings):
    sqlite = {"ENGINE": "django.db.backends.sqlite3"}  # the disk is SQLite's concern
    with (
        mock.patch.dict(settings.DATABASES["default"], sqlite),
        mock.patch("shutil.disk_usage", return_value=mock.Mock(free=10 * 1024 * 1024)),
    ):
        health = client.get("/healthz", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert health.status_code == 200
    text = health.content.decode()
    assert "status: degraded" in text and "disk nearly full (10 MB free)" in text
    assert "DJANGO_PROXY_COUNT is 0" in text


def test_a_404_under_a_role_reads_no_history(client, seeded):
    client.get("/careers/never-a-role/")  # the slugs that exist, read once per version
    for url in ["/careers/never-a-role-either/", ROLE + "entry-routes/never-a-route/"]:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 404
        assert not [q for q in queries if "historical" in q["sql"]], url
        assert len(queries) <= 3, url


def test_deployment_checks_warn_when_no_proxy_count_is_set(settings, monkeypatch):
    from core.checks import proxy_count_is_set

    settings.IS_PRODUCTION = True
    monkeypatch.delenv("DJANGO_PROXY_COUNT", raising=False)
    assert [w.id for w in proxy_count_is_set(None)] == ["core.W001"]
    monkeypatch.setenv("DJANGO_PROXY_COUNT", "0")  # said on purpose: no proxy
    assert proxy_count_is_set(None) == []


def reads_an_undeclared_parameter(request):
    from django.http import HttpResponse

    return HttpResponse(request.GET.get("colour", ""))


urlpatterns = []


def test_a_view_reading_an_undeclared_parameter_fails_a_check(settings):
    from django.urls import clear_url_caches, path

    from core.checks import views_declare_the_parameters_they_read

    assert views_declare_the_parameters_they_read(None) == []
    urlpatterns[:] = [path("colour/", reads_an_undeclared_parameter)]
    settings.ROOT_URLCONF = __name__
    clear_url_caches()
    try:
        errors = views_declare_the_parameters_they_read(None)
    finally:
        urlpatterns.clear()
        clear_url_caches()
    assert [error.id for error in errors] == ["core.E002"]
    assert "colour" in errors[0].msg
