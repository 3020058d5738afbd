"""The editors' review list across every content model of every content app: sources to check,
fixture updates to decide on, and records due for review."""

from collections import Counter

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView

from core.admin import review_cutoff
from core.fixtures import CONTENT_APPS, content_models
from core.models import FixtureUpdate, Source
from core.seeding import PARTLY_TAKEN, UPDATED, apply_fixture, compared_fields


def change_url(record):
    opts = record._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])


def facts_citing_each_source():
    """How many records of any content model cite each source, by source pk."""
    counts = Counter()
    for app_label in CONTENT_APPS:
        for model in content_models(app_label):
            if not hasattr(model, "sources"):
                continue
            field = model._meta.get_field("sources")
            through = field.remote_field.through
            source = field.m2m_reverse_field_name()
            for source_pk, count in (
                through.objects.values_list(source).annotate(count=Count("pk")).order_by()
            ):
                counts[source_pk] += count
    return counts


def sources_to_check(cutoff):
    """Sources no editor has checked, then those checked before ``cutoff`` (oldest first);
    the most cited first among the never checked."""
    counts = facts_citing_each_source()
    sources = Source.objects.filter(last_checked__isnull=True) | Source.objects.filter(
        last_checked__lt=cutoff
    )
    rows = [
        {"source": source, "url": change_url(source), "facts": counts[source.pk]}
        for source in sources.select_related("checked_by")
    ]
    return sorted(
        rows,
        key=lambda row: (
            row["source"].last_checked is not None,
            row["source"].last_checked or cutoff,
            -row["facts"],
            row["source"].title,
            row["source"].pk,  # two sources can share a title
        ),
    )


def stale_facts(today=None):
    """Every published record whose period has ended (``is_out_of_date``) or whose date has
    passed (``has_closed``), in every content app: what went stale today comes first."""
    rows = []
    for app_label in CONTENT_APPS:
        for model in content_models(app_label):
            period = isinstance(getattr(model, "is_out_of_date", None), property)
            closing = callable(getattr(model, "has_closed", None))
            if not (period or closing):
                continue
            for record in model._default_manager.filter(is_published=True).order_by("pk"):
                if period and record.is_out_of_date:
                    why = "The period its figure covers has ended."
                elif closing and record.has_closed(today):
                    why = "Its closing date has passed."
                else:
                    continue
                rows.append(
                    {
                        "record": record,
                        "url": change_url(record),
                        "kind": model._meta.verbose_name,
                        "why": why,
                    }
                )
    return rows


class ReviewListView(TemplateView):
    template_name = "admin/review_list.html"

    def get_context_data(self, **kwargs):
        cutoff = review_cutoff()
        sections = []
        for app_label in CONTENT_APPS:
            for model in content_models(app_label):
                if not hasattr(model, "needs_verification"):
                    continue
                opts = model._meta
                records = [
                    {
                        "record": record,
                        "url": change_url(record),
                        "is_overdue": record.last_reviewed < cutoff,
                    }
                    for record in model._default_manager.due_for_review(cutoff).order_by(
                        "last_reviewed", "pk"
                    )
                ]
                if records:
                    sections.append({"name": opts.verbose_name_plural, "records": records})
        fixture_updates = [
            {"update": update, "record": update.record, "url": update_url(update)}
            for update in FixtureUpdate.objects.filter(is_declined=False).select_related(
                "content_type"
            )
        ]
        return super().get_context_data(
            **admin.site.each_context(self.request),
            title="Due for review",
            cutoff=cutoff,
            review_months=settings.CONTENT_REVIEW_MONTHS,
            stale=stale_facts(),
            sources_to_check=sources_to_check(cutoff),
            fixture_updates=fixture_updates,
            sections=sections,
            **kwargs,
        )


def update_url(update):
    return reverse("admin_fixture_update", args=[update.pk])


def shown(field, value):
    """A field's value as an editor reads it."""
    if value is None or value == "":
        return "(empty)"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.is_relation:
        related = field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related else f"(missing record {value})"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return str(value)


def shown_links(field, pks):
    related = field.related_model._default_manager.filter(pk__in=pks)
    return "; ".join(str(record) for record in related) or "(none)"


def fixture_version(update, record):
    """The fixture's field values (by attname) and links, as Python values for ``record``."""
    fields = {field.attname: field for field in compared_fields(type(record))}
    values = {
        attname: None if value is None else fields[attname].to_python(value)
        for attname, value in update.fixture_values["fields"].items()
        if attname in fields
    }
    return values, update.fixture_values["links"]


def comparison(update, record):
    """One row per field where the fixture's version differs from the record."""
    values, links = fixture_version(update, record)
    changed = set(update.fixture_values["changed"])
    rows = []
    for field in compared_fields(type(record)):
        if field.attname not in values:
            continue
        fixture_value, record_value = values[field.attname], getattr(record, field.attname)
        if fixture_value != record_value:
            rows.append(
                {
                    "name": field.attname,
                    "label": field.verbose_name,
                    "fixture": shown(field, fixture_value),
                    "record": shown(field, record_value),
                    "is_fixture_change": field.attname in changed,
                }
            )
    for name, pks in links.items():
        field = record._meta.get_field(name)
        current = sorted(getattr(record, name).values_list("pk", flat=True))
        if sorted(pks) != current:
            rows.append(
                {
                    "name": name,
                    "label": field.verbose_name,
                    "fixture": shown_links(field, pks),
                    "record": shown_links(field, current),
                    "is_fixture_change": name in changed,
                }
            )
    return rows


class FixtureUpdateView(TemplateView):
    """What the fixtures now say beside what an editor wrote, field by field; the editor takes
    the fixture's text for the fields they tick, or keeps theirs."""

    template_name = "admin/fixture_update.html"

    def dispatch(self, request, *args, **kwargs):
        self.update = get_object_or_404(FixtureUpdate, pk=kwargs["pk"])
        self.record = self.update.record
        if self.record is None:
            self.update.delete()
            messages.info(request, "That record no longer exists.")
            return redirect("admin_review")
        opts = self.record._meta
        if not request.user.has_perm(f"{opts.app_label}.change_{opts.model_name}"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **admin.site.each_context(self.request),
            title=f"Fixture update: {self.record}",
            record=self.record,
            record_url=change_url(self.record),
            model_name=self.record._meta.verbose_name,
            rows=comparison(self.update, self.record),
            update=self.update,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if "keep" in request.POST:
            self.decline()
            messages.success(request, f"Kept your text for “{self.record}”.")
            return redirect("admin_review")
        rows = {row["name"] for row in comparison(self.update, self.record)}
        chosen = [name for name in request.POST.getlist("fields") if name in rows]
        if not chosen:
            messages.error(request, "Tick the fields whose fixture text you want to use.")
            return redirect(update_url(self.update))
        values, links = fixture_version(self.update, self.record)
        taken_fields = {name: values[name] for name in chosen if name in values}
        taken_links = {name: links[name] for name in chosen if name in links}
        if set(chosen) == rows:
            # The record now is the fixture's version: its new baseline for later seeding.
            apply_fixture(self.record, taken_fields, taken_links, UPDATED)
            self.update.delete()
        else:
            apply_fixture(self.record, taken_fields, taken_links, PARTLY_TAKEN)
            self.decline()
        messages.success(request, f"Used the fixture's text for “{self.record}”.")
        return redirect("admin_review")

    def decline(self):
        self.update.is_declined = True
        self.update.decided_by = self.request.user
        self.update.decided_at = timezone.now()
        self.update.save()
