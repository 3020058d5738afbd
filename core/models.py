"""What every page shares: the content version, sources, snippets, the glossary, and the
fixture updates waiting for editors.

Sources, snippets, glossary terms and fixture updates were made in ``careers`` and keep the
tables they were made with (``careers_source`` and so on; see core/migrations/0002).
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Aggregate, F, Func, JSONField, Subquery, TextField, Value
from django.db.models.functions import Cast
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core.content import Content, SlugManager, SnippetQuerySet


class ContentVersion(models.Model):
    """One row: a number every committed change to content moves forward.

    It is the single key of freshness: every cache (whole pages, page data, fragments) is
    keyed on it, and it lives in the database so a lost or flushed cache can never bring old
    pages back. Read it with ``core.versions.content_version()``.
    """

    number = models.PositiveBigIntegerField(default=1)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "content version"

    def __str__(self):
        return f"Content version {self.number}"


class Source(models.Model):
    """Where a fact comes from: the date the source itself gives, and, separately, when an
    editor last checked it against the live page (empty until someone does)."""

    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=200)
    publisher = models.CharField(max_length=200)
    url = models.URLField(
        "URL",
        max_length=500,
        blank=True,
        help_text="The page cited, not the publisher's home page. Empty when the source has "
        "no public page.",
    )
    date_shown = models.CharField(
        max_length=60,
        default="undated",
        help_text="The date the source itself gives, as it gives it (or 'undated').",
    )
    last_checked = models.DateField(
        null=True,
        blank=True,
        help_text="When an editor last checked this source against its live page. Empty "
        "until someone does: visitors see 'checked' only where an editor set it.",
    )
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The editor who last checked it.",
    )

    objects = SlugManager()
    history = HistoricalRecords(table_name="careers_historicalsource")

    class Meta:
        ordering = ["publisher", "title"]
        db_table = "careers_source"  # made in careers, which it moved from

    def __str__(self):
        return f"{self.publisher}: {self.title}"

    def natural_key(self):
        return (self.slug,)


class Snippet(Content):
    """A passage of site text that belongs to no one record: page introductions, notes."""

    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=160, blank=True)
    text = models.TextField(help_text="Blank lines separate paragraphs.")

    objects = SlugManager.from_queryset(SnippetQuerySet)()

    class Meta:
        ordering = ["slug"]
        db_table = "careers_snippet"

    def __str__(self):
        return self.title or self.slug

    def natural_key(self):
        return (self.slug,)


class GlossaryTerm(Content):
    """A word a student may not know, explained where it is first used on a page."""

    slug = models.SlugField(max_length=80, unique=True)
    term = models.CharField(max_length=80, help_text="As it is written, e.g. 'HCPC'.")
    also_matches = models.CharField(
        max_length=300,
        blank=True,
        help_text="Other ways pages write it, comma-separated, e.g. 'Agenda for Change pay'.",
    )
    definition = models.TextField(help_text="One or two plain sentences.")

    objects = SlugManager()

    class Meta:
        ordering = ["term"]
        db_table = "careers_glossaryterm"

    def __str__(self):
        return self.term

    def natural_key(self):
        return (self.slug,)

    def get_absolute_url(self):
        return reverse("glossary") + f"#term-{self.slug}"


class JSONRow(Func):
    """Columns as one JSON object: json_object on SQLite, jsonb_build_object on PostgreSQL.
    (Django's JSONObject asks SQLite whether it supports JSON first, an extra query.)"""

    function = "JSON_OBJECT"
    output_field = JSONField()

    def __init__(self, **columns):
        pairs = []
        for name, column in columns.items():
            pairs += [Cast(Value(name), output_field=TextField()), F(column)]
        super().__init__(*pairs)

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function="JSONB_BUILD_OBJECT", **extra_context)


class JSONList(Aggregate):
    """Rows as one JSON array: json_group_array on SQLite, jsonb_agg on PostgreSQL."""

    function = "JSON_GROUP_ARRAY"
    output_field = JSONField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function="JSONB_AGG", **extra_context)


def with_glossary(queryset):
    """Annotate each row with the published glossary as a list of dicts (slug, term,
    also_matches, definition), read by a subquery inside the page's own query."""
    terms = (
        GlossaryTerm.objects.published()
        .order_by()
        .annotate(everything=Value(1))
        .values("everything")
        .annotate(
            rows=JSONList(
                JSONRow(
                    slug="slug",
                    term="term",
                    also_matches="also_matches",
                    definition="definition",
                )
            )
        )
        .values("rows")
    )
    return queryset.annotate(glossary_terms=Subquery(terms, output_field=JSONField()))


class FixtureUpdate(models.Model):
    """A newer version of a record in the content fixtures that seeding did not apply because an
    editor had changed the record: it waits in the review list until an editor takes the
    fixture's text or keeps their own (see ``core.seeding``)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    fixture_values = models.JSONField(
        help_text="The fixture's version of the record: field values, related records' ids, "
        "and which fields the fixture changed since it was seeded."
    )
    is_declined = models.BooleanField(
        "editor kept their text",
        default=False,
        help_text="Set when an editor keeps their text; a later fixture version asks again.",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    noticed_at = models.DateTimeField(
        auto_now=True, help_text="When seeding last found this fixture version."
    )

    class Meta:
        ordering = ["content_type", "object_id"]
        db_table = "careers_fixtureupdate"
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="fixtureupdate_one_per_record"
            ),
        ]

    def __str__(self):
        return f"Fixture update for {self.content_type.name} {self.object_id}"
