"""Public pages are served from the page cache, keyed on the content version and only the
parameters a page reads; an editor's save shows at once; a broken cache serves pages."""

import gzip
import json
import logging
import random
import string

import brotli
import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from careers.models import Task
from core.fixtures import CONTENT_APPS, fixture_path
from core.models import Snippet, Source
from core.versions import content_version

pytestmark = pytest.mark.django_db

ROLE = "/careers/music-therapist/"
PLANNER = ROLE + "next-steps/"


def page_entries():
    return len(caches["pages"]._cache)


def test_a_public_page_is_rendered_once_then_served_from_the_cache(client, seeded):
    first = client.get(ROLE)
    with CaptureQueriesContext(connection) as queries:
        second = client.get(ROLE)
    assert [query["sql"] for query in queries] == [queries[0]["sql"]]  # the content version
    assert "core_contentversion" in queries[0]["sql"]
    assert second.content == first.content


def test_public_pages_revalidate_with_an_etag_and_answer_304(client, seeded):
    response = client.get(ROLE + "entry-routes/")
    assert "ETag" in response
    assert "max-age=0" in response["Cache-Control"] and "public" in response["Cache-Control"]
    again = client.get(ROLE + "entry-routes/", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    assert again.content == b""


def test_public_pages_set_no_cookies(client, seeded):
    for url in ["/", ROLE, PLANNER, "/search/?q=music"]:
        response = client.get(url)
        assert not response.cookies, url


def test_pages_are_sent_gzipped_to_clients_that_accept_it(client, seeded):
    first = client.get(ROLE, HTTP_ACCEPT_ENCODING="gzip")  # rendered, then stored
    assert int(first["Content-Length"]) == len(first.content)
    plain = client.get(ROLE)
    zipped = client.get(ROLE, HTTP_ACCEPT_ENCODING="gzip, deflate")
    assert first.content == zipped.content
    assert zipped["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped.content) == plain.content
    assert len(zipped.content) < len(plain.content) / 3
    assert "Accept-Encoding" in plain["Vary"] and "Accept-Encoding" in zipped["Vary"]
    assert zipped["ETag"] == "W/" + plain["ETag"]
    again = client.get(ROLE, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=zipped["ETag"])
    assert again.status_code == 304


def test_journey_pages_are_sent_as_brotli_to_browsers_and_plans_as_gzip(client, seeded):
    browser = "gzip, deflate, br, zstd"
    first = client.get(ROLE, HTTP_ACCEPT_ENCODING=browser)  # rendered, then stored
    plain = client.get(ROLE)
    again = client.get(ROLE, HTTP_ACCEPT_ENCODING=browser)
    zipped = client.get(ROLE, HTTP_ACCEPT_ENCODING="gzip")
    for response in (first, again):
        assert response["Content-Encoding"] == "br"
        assert brotli.decompress(response.content) == plain.content
        assert response["ETag"] == zipped["ETag"] == "W/" + plain["ETag"]
        assert "Accept-Encoding" in response["Vary"]
        assert int(response["Content-Length"]) == len(response.content)
    assert len(again.content) < len(zipped.content) * 0.95
    revalidated = client.get(ROLE, HTTP_ACCEPT_ENCODING=browser, HTTP_IF_NONE_MATCH=again["ETag"])
    assert revalidated.status_code == 304
    refused = client.get(ROLE, HTTP_ACCEPT_ENCODING="gzip, br;q=0")
    assert refused["Content-Encoding"] == "gzip"
    plan = client.get(PLANNER + "?stage=graduate", HTTP_ACCEPT_ENCODING=browser)
    assert plan["Content-Encoding"] == "gzip"


def junk():
    letters = string.ascii_letters + string.digits
    return "".join(random.choices(letters, k=random.randint(1, 12)))


def test_a_thousand_requests_with_junk_parameters_add_no_cache_entries(client, seeded):
    pages = ["/", ROLE, ROLE + "skills/", PLANNER + "?stage=graduate", "/search/?q=music"]
    plain = {url: client.get(url).content for url in pages}
    entries = page_entries()
    for number in range(1000):
        url = pages[number % len(pages)]
        joiner = "&" if "?" in url else "?"
        response = client.get(f"{url}{joiner}{junk()}_{junk()}={junk()}&utm_source={junk()}")
        assert response.status_code == 200
        assert response.content == plain[url]
    assert page_entries() == entries


def test_the_planner_reads_its_answers_in_one_order_and_shares_that_link(client, seeded):
    first = client.get(PLANNER + "?degree=music&fbclid=x&stage=graduate")
    entries = page_entries()
    second = client.get(PLANNER + "?stage=graduate&degree=music")
    assert page_entries() == entries
    assert first.content == second.content
    assert "next-steps/?stage=graduate&amp;degree=music" in second.content.decode()
    assert "fbclid" not in first.content.decode()


def test_a_new_search_or_plan_is_a_new_entry(client, seeded):
    client.get("/search/?q=music")
    entries = page_entries()
    client.get("/search/?q=therapy")
    client.get(PLANNER + "?stage=school")
    assert page_entries() == entries + 2


def test_admin_pages_and_errors_are_never_cached(client, seeded):
    for url in [PLANNER + "?stage=bogus", "/search/?q=" + "x" * 300, ROLE + "nope/"]:
        assert client.get(url).status_code in (400, 404)
    assert page_entries() == 0
    assert "no-cache" in client.get("/admin/login/")["Cache-Control"]
    assert page_entries() == 0


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("boss", password="a-long-admin-password")
    admin = client.__class__()
    admin.force_login(user)
    return admin


def snippet_form(snippet, **changes):
    return {
        "slug": snippet.slug,
        "title": snippet.title,
        "text": snippet.text,
        "is_published": "on",
        "last_reviewed": "2026-11-21",
        "verification_note": "",
        **changes,
    }


def test_an_editors_save_in_the_admin_shows_on_the_site_at_once(client, seeded, editor):
    assert "Find your way" in client.get("/").content.decode()  # now cached
    snippet = Snippet.objects.get(slug="home-intro")
    response = editor.post(
        f"/admin/core/snippet/{snippet.pk}/change/",
        snippet_form(snippet, text="Freshly edited introduction."),
    )
    assert response.status_code == 302
    assert "Freshly edited introduction." in client.get("/").content.decode()


def test_the_version_moves_on_every_kind_of_content_change(seeded):
    seen = [content_version()]
    task = Task.objects.order_by("pk").first()
    task.text = "Changed in a shell"
    task.save()
    seen.append(content_version())
    task.sources.add(Source.objects.first())
    seen.append(content_version())
    task.delete()
    seen.append(content_version())
    assert len(set(seen)) == 4  # each change a new version, never an earlier one
    version = content_version()
    Task.objects.filter(pk=-1).delete()  # nothing deleted, nothing changed
    assert content_version() == version


def test_a_change_made_in_a_shell_shows_at_once(client, seeded):
    assert "Find your way" in client.get("/").content.decode()
    snippet = Snippet.objects.get(slug="home-intro")
    snippet.text = "Changed from a shell."
    snippet.save()
    assert "Changed from a shell." in client.get("/").content.decode()


def test_seeding_moves_the_version_only_when_it_adds_something(seeded, tmp_path, monkeypatch):
    # Fixtures of one record, which seeding must add: the whole content, seeded into an
    # empty database and then again, took 10 s to show the same.
    records = json.loads(fixture_path("core").read_text(encoding="utf-8"))
    home_intro = next(r for r in records if r["fields"].get("slug") == "home-intro")
    for app_label in CONTENT_APPS:
        fixture = [home_intro] if app_label == "core" else []
        (tmp_path / f"{app_label}.json").write_text(json.dumps(fixture), encoding="utf-8")
    monkeypatch.setattr(
        "core.seeding.fixture_path", lambda app_label: tmp_path / f"{app_label}.json"
    )
    Snippet.objects.filter(slug="home-intro").delete()

    version = content_version()
    call_command("seed", verbosity=0)
    assert Snippet.objects.filter(slug="home-intro").exists()
    assert content_version() != version
    version = content_version()
    call_command("seed", verbosity=0)
    assert content_version() == version


def test_signing_in_a_failed_save_and_an_empty_action_leave_the_version(
    client, seeded, editor, django_user_model
):
    django_user_model.objects.create_user("ed", password="a-long-admin-password", is_staff=True)
    version = content_version()
    assert client.post(
        "/admin/login/", {"username": "ed", "password": "a-long-admin-password"}
    ).status_code in (200, 302)
    snippet = Snippet.objects.get(slug="home-intro")
    failed = editor.post(
        f"/admin/core/snippet/{snippet.pk}/change/", snippet_form(snippet, text="")
    )
    assert failed.status_code == 200  # the form, with its error
    empty = editor.post("/admin/careers/task/", {"action": "delete_selected"})
    assert empty.status_code in (200, 302)
    assert content_version() == version


def test_a_bulk_action_and_a_history_revert_move_the_version(seeded, editor):
    snippet = Snippet.objects.get(slug="home-intro")
    seen = [content_version()]
    editor.post(f"/admin/core/snippet/{snippet.pk}/change/", snippet_form(snippet, text="Edited."))
    seen.append(content_version())
    first = snippet.history.order_by("history_date").first()
    reverted = editor.post(
        f"/admin/core/snippet/{snippet.pk}/history/{first.history_id}/",
        snippet_form(snippet, text=first.text),
    )
    assert reverted.status_code == 302
    seen.append(content_version())
    task = Task.objects.order_by("pk").first()
    deleted = editor.post(
        "/admin/careers/task/",
        {"action": "delete_selected", "_selected_action": [task.pk], "post": "yes"},
    )
    assert deleted.status_code == 302
    seen.append(content_version())
    assert len(set(seen)) == 4


BROKEN_REDIS = {
    "BACKEND": "django.core.cache.backends.redis.RedisCache",
    "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
    "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
}


def test_a_cache_that_fails_serves_pages_and_saves_and_logs_once(client, seeded, editor, caplog):
    from django.conf import settings

    with override_settings(
        CACHES={**settings.CACHES, "default": BROKEN_REDIS, "pages": BROKEN_REDIS}
    ):
        visitor = client.__class__()
        with caplog.at_level(logging.WARNING, logger="core.cache"):
            for url in ["/", ROLE, ROLE, "/robots.txt", "/no-such-page/", "/healthz"]:
                expected = 404 if "no-such" in url else 200
                assert visitor.get(url).status_code == expected, url
        assert len([r for r in caplog.records if r.name == "core.cache"]) == 1
        assert b"cache: unreachable" in visitor.get("/healthz").content
        snippet = Snippet.objects.get(slug="home-intro")
        version = content_version()
        saved = editor.post(
            f"/admin/core/snippet/{snippet.pk}/change/",
            snippet_form(snippet, text="Saved while the cache was down."),
        )
        assert saved.status_code == 302
        assert content_version() != version
        assert "Saved while the cache was down." in visitor.get("/").content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_committed_transaction_moves_the_version_once_and_a_rolled_back_one_not_at_all(
    no_content,
):
    from unittest import mock

    from django.db import transaction

    from core.versions import bump_content_version, replace_version

    bump_content_version()  # the flush after an earlier transactional test took its row
    version = content_version()
    with mock.patch("core.versions.replace_version", wraps=replace_version) as replaced:
        call_command("seed", verbosity=0)  # hundreds of records in one transaction
    assert replaced.call_count == 1
    version = content_version()
    with pytest.raises(RuntimeError), transaction.atomic():
        Snippet.objects.filter(slug="home-intro").get().save()
        raise RuntimeError("rolled back")
    assert content_version() == version


def test_a_migrate_that_applies_migrations_moves_the_version_and_one_that_does_not_leaves_it(
    seeded,
):
    from django.apps import apps
    from django.db.models.signals import post_migrate

    core = apps.get_app_config("core")
    version = content_version()
    post_migrate.send(sender=core, app_config=core, plan=[], using="default")
    assert content_version() == version
    post_migrate.send(sender=core, app_config=core, plan=[("a migration", False)], using="default")
    assert content_version() != version


def test_a_page_made_yesterday_is_not_served_today(client, seeded):
    from datetime import date
    from unittest import mock

    entries = page_entries()
    with mock.patch("django.utils.timezone.localdate", return_value=date(2026, 11, 22)):
        client.get(ROLE)
    with mock.patch("django.utils.timezone.localdate", return_value=date(2026, 11, 23)):
        client.get(ROLE)
    assert page_entries() == entries + 2


def test_without_a_page_cache_pages_are_still_gzipped_for_clients_that_accept_it(
    client, seeded, settings
):
    settings.PAGE_CACHE_SECONDS = 0
    entries = page_entries()
    plain = client.get(ROLE)
    zipped = client.get(ROLE, HTTP_ACCEPT_ENCODING="gzip")
    assert page_entries() == entries
    assert "Content-Encoding" not in plain
    assert zipped["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped.content) == plain.content
