"""What every piece of visitor-facing content shares: publishing, review dates, sources, history.

Both apps build their models on these bases, so the admin, the review list and the
fixtures treat every record the same way.
"""

from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords


class Nation(models.TextChoices):
    """The UK's four nations, where facts such as checks, pay and student finance differ."""

    ENGLAND = "england", "England"
    SCOTLAND = "scotland", "Scotland"
    WALES = "wales", "Wales"
    NORTHERN_IRELAND = "northern-ireland", "Northern Ireland"


class ContentQuerySet(models.QuerySet):
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


class SlugManager(models.Manager.from_queryset(ContentQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class RoleChildManager(models.Manager.from_queryset(ContentQuerySet)):
    def get_by_natural_key(self, role_slug, slug):
        return self.get(role__slug=role_slug, slug=slug)


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
        "careers.Source",
        blank=True,
        related_name="+",
        help_text="Where the facts in this record come from.",
    )

    history = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True
