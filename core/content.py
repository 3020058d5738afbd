"""What every piece of visitor-facing content shares: publishing, review dates, sources, history.

Every app builds its content models on these bases, so the admin, the review list and the
fixtures treat every record the same way.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from core.versions import bump_content_version

# The one model of the content apps (``settings.CONTENT_APPS``) that is not content: the
# content version itself. Saving it is not a content change, and editors get no permission
# on it.
NOT_CONTENT = {"core.ContentVersion"}

# Editors' own records: fixture updates waiting for their review show on no public page, so
# changing one does not move the content version (core.versions).
EDITORS_ONLY = {"core.FixtureUpdate"}


def is_content_model(model):
    """A model of a content app whose changes are content changes (history models included)."""
    return model._meta.app_label in settings.CONTENT_APPS and model._meta.label not in NOT_CONTENT


class Nation(models.TextChoices):
    """The UK's four nations, where facts such as checks, pay and student finance differ."""

    ENGLAND = "england", "England"
    SCOTLAND = "scotland", "Scotland"
    WALES = "wales", "Wales"
    NORTHERN_IRELAND = "northern-ireland", "Northern Ireland"


class VersionedQuerySet(models.QuerySet):
    """A content model's queryset: its writes that send no signals (``update()``,
    ``bulk_create()``, ``bulk_update()``) move the content version too (``core.versions``).
    A system check makes every content model's default manager use one."""

    def update(self, **kwargs):
        changed = super().update(**kwargs)
        if changed:
            bump_content_version(self.db)
        return changed

    update.alters_data = True

    def bulk_create(self, objs, *args, **kwargs):
        created = super().bulk_create(objs, *args, **kwargs)
        if created:
            bump_content_version(self.db)
        return created

    def bulk_update(self, objs, fields, *args, **kwargs):
        changed = super().bulk_update(objs, fields, *args, **kwargs)
        if changed:
            bump_content_version(self.db)
        return changed


class ContentQuerySet(VersionedQuerySet):
    def published(self):
        return self.filter(is_published=True)

    def due_for_review(self, before):
        """Records last reviewed before ``before``, or flagged for verification."""
        return self.filter(models.Q(last_reviewed__lt=before) | models.Q(needs_verification=True))


class SnippetQuerySet(ContentQuerySet):
    def for_page(self, *slugs):
        """Published snippets by slug, keyed for templates (``home-intro`` → ``home_intro``)."""
        return {
            snippet.slug.replace("-", "_"): snippet
            for snippet in self.published().filter(slug__in=slugs)
        }


def natural_key_lookups(model):
    """The lookups that find a ``model`` record by its natural key: its manager's
    ``natural_key_fields``, where a foreign key stands for the natural key of the record it
    links to (a task's ``("role", "slug")`` gives ``["role__slug", "slug"]``)."""
    lookups = []
    for name in model._default_manager.natural_key_fields:
        field = model._meta.get_field(name)
        if field.many_to_one:
            lookups += [f"{name}__{lookup}" for lookup in natural_key_lookups(field.related_model)]
        else:
            lookups.append(name)
    return lookups


class NaturalKeyMixin:
    """A manager that finds a record by its natural key (fixtures refer to records by it): the
    values of ``natural_key_fields`` in order, as the model's ``natural_key()`` gives them."""

    natural_key_fields = ("slug",)

    def get_by_natural_key(self, *key):
        return self.get(**dict(zip(natural_key_lookups(self.model), key, strict=True)))


class SlugManager(NaturalKeyMixin, models.Manager.from_queryset(ContentQuerySet)):
    pass


class RoleChildManager(SlugManager):
    natural_key_fields = ("role", "slug")


class ContentHistory(HistoricalRecords):
    """django-simple-history's records, whose table follows the model's: a model that kept its
    table when it moved between apps (``db_table = "careers_snippet"``) keeps its history's
    table too (``careers_historicalsnippet``)."""

    def get_meta_options(self, model):
        options = super().get_meta_options(model)
        if "db_table" in model._meta.original_attrs:
            app_label, name = model._meta.db_table.split("_", 1)
            options["db_table"] = f"{app_label}_historical{name}"
        return options


class Content(models.Model):
    """A record a visitor reads: it can be unpublished, is reviewed, cites its sources."""

    is_published = models.BooleanField(
        "published", default=True, help_text="Untick to hide this from the public site."
    )
    last_reviewed = models.DateField(
        default=timezone.localdate,
        help_text="When an editor last checked this against its sources.",
    )
    needs_verification = models.BooleanField(
        "flagged for verification",
        default=False,
        help_text="Tick when a figure must be checked against its source before it can be trusted.",
    )
    verification_note = models.CharField(
        max_length=300,
        blank=True,
        help_text="What to check and where, shown to visitors as 'check with …'.",
    )
    sources = models.ManyToManyField(
        "core.Source",
        blank=True,
        related_name="+",
        help_text="Where the facts in this record come from.",
    )

    history = ContentHistory(inherit=True)

    class Meta:
        abstract = True
