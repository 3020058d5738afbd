"""The site never shows a check that no person made: editors mark sources checked in one
action, the review list puts unchecked sources first, and pages say "checked" only where an
editor did."""

import json
import re
from datetime import timedelta
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from careers.models import PayFigure
from core.admin import CHECKED_REASON
from core.fixtures import CONTENT_APPS, content_models, fixture_path
from core.models import Source

pytestmark = pytest.mark.django_db

ROLE = "/careers/music-therapist/"
CHECKED = "checked by an editor"


def visible_text(response):
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def today_text():
    return f"{timezone.localdate():%-d %B %Y}"


def test_shipped_sources_carry_no_check_date_without_an_editor():
    entries = json.loads(fixture_path("core").read_text(encoding="utf-8"))
    sources = [entry["fields"] for entry in entries if entry["model"] == "core.source"]
    assert sources
    unbacked = [s["slug"] for s in sources if s.get("last_checked") and not s.get("checked_by")]
    assert unbacked == []


def test_mark_checked_today_action_records_date_editor_and_history(editor_client, editor, seeded):
    first, second = Source.objects.order_by("pk")[:2]
    response = editor_client.post(
        reverse("admin:core_source_changelist"),
        {"action": "mark_checked_today", "_selected_action": [first.pk, second.pk]},
    )
    assert response.status_code == 302
    for source in (first, second):
        source.refresh_from_db()
        assert (source.last_checked, source.checked_by) == (timezone.localdate(), editor)
        entry = source.history.first()
        assert (entry.history_change_reason, entry.history_user) == (CHECKED_REASON, editor)
        assert entry.last_checked == timezone.localdate()
    untouched = Source.objects.exclude(pk__in=[first.pk, second.pk])
    assert not untouched.filter(last_checked__isnull=False).exists()


def change_form_data(client, source):
    form = (
        client.get(reverse("admin:core_source_change", args=[source.pk])).context["adminform"].form
    )
    return {name: form.initial.get(name) or "" for name in form.fields}


def test_change_form_button_marks_the_source_checked(editor_client, editor, seeded):
    source = Source.objects.order_by("pk").first()
    page = editor_client.get(reverse("admin:core_source_change", args=[source.pk]))
    assert 'name="_mark_checked"' in page.content.decode()
    data = change_form_data(editor_client, source) | {"_mark_checked": "1"}

    response = editor_client.post(reverse("admin:core_source_change", args=[source.pk]), data)

    assert response.status_code == 302
    source.refresh_from_db()
    assert (source.last_checked, source.checked_by) == (timezone.localdate(), editor)
    assert source.history.first().history_change_reason == CHECKED_REASON


def test_a_check_date_typed_in_the_form_is_the_editors(editor_client, editor, seeded):
    source = Source.objects.order_by("pk").first()
    data = change_form_data(editor_client, source) | {"last_checked": "2026-11-20"}
    editor_client.post(reverse("admin:core_source_change", args=[source.pk]), data)
    source.refresh_from_db()
    assert (str(source.last_checked), source.checked_by) == ("2026-11-20", editor)


def facts_citing(source):
    return sum(
        model.objects.filter(sources=source).count()
        for app_label in CONTENT_APPS
        for model in content_models(app_label)
        if hasattr(model, "sources")
    )


def test_review_list_shows_unchecked_then_overdue_sources_first_with_their_facts(
    editor_client, seeded
):
    today = timezone.localdate()
    recent, overdue, older = Source.objects.order_by("pk")[:3]
    Source.objects.filter(pk=recent.pk).update(last_checked=today)
    Source.objects.filter(pk=overdue.pk).update(last_checked=today - timedelta(days=400))
    Source.objects.filter(pk=older.pk).update(last_checked=today - timedelta(days=800))

    response = editor_client.get(reverse("admin_review"))

    rows = response.context["sources_to_check"]
    never_checked = Source.objects.filter(last_checked__isnull=True)
    assert [row["source"] for row in rows[: never_checked.count()]] == sorted(
        never_checked, key=lambda source: (-facts_citing(source), source.title, source.pk)
    )
    assert [row["source"] for row in rows[never_checked.count() :]] == [older, overdue]
    assert all(row["facts"] == facts_citing(row["source"]) for row in rows)
    assert any(row["facts"] > 1 for row in rows)
    html = response.content.decode()
    assert escape(str(recent)) not in html.split("Records due for review")[0]
    assert (
        html.index("Never checked")
        < html.index(escape(str(older)))
        < html.index("Records due for review")
    )


def test_pages_never_say_checked_for_a_source_nobody_checked(client, seeded):
    assert not Source.objects.filter(last_checked__isnull=False).exists()
    for url in [ROLE, ROLE + "entry-routes/", ROLE + "qualifications/", ROLE + "progression/"]:
        text = visible_text(client.get(url))
        assert CHECKED not in text, url
        assert "Last checked" not in text, url


def test_a_source_an_editor_checked_says_so_beside_the_fact_and_in_the_page_sources(
    client, editor, seeded
):
    pay = PayFigure.objects.filter(roles__slug="music-therapist", is_published=True).first()
    source = pay.sources.first()
    Source.objects.filter(pk=source.pk).update(last_checked=timezone.localdate(), checked_by=editor)

    text = visible_text(client.get(ROLE))

    assert text.count(f"{CHECKED} {today_text()}") >= 2, "beside the pay figure and in Sources"
    assert f"({source.date_shown}; {CHECKED} {today_text()})" in text


def test_flagged_figure_says_not_yet_confirmed_and_where_to_check(client, seeded):
    pay = PayFigure.objects.filter(roles__slug="music-therapist", is_published=True).first()
    PayFigure.objects.filter(pk=pay.pk).update(needs_verification=True, verification_note="")
    text = visible_text(client.get(ROLE))
    assert f"Not yet confirmed: check with {pay.sources.first().publisher}" in text
    assert "Last checked" not in text
