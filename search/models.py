from django.db import models
from simple_history.models import HistoricalRecords

from core.content import NaturalKeyMixin, VersionedQuerySet


class SearchSynonymManager(NaturalKeyMixin, models.Manager.from_queryset(VersionedQuerySet)):
    natural_key_fields = ("phrase",)


class SearchSynonym(models.Model):
    """Everyday words a visitor types, and the words the site's pages use for the same thing:
    "salary" finds pay, "piano" finds musicianship and auditions."""

    phrase = models.CharField(
        max_length=80,
        unique=True,
        help_text="What a visitor might type: a word or a few words, e.g. 'salary' or 'how much'.",
    )
    means = models.CharField(
        max_length=300,
        help_text="The words pages use for it, comma-separated, e.g. 'pay, band'. A search "
        "for the phrase also finds these.",
    )
    is_published = models.BooleanField(
        "in use", default=True, help_text="Untick to stop search using this synonym."
    )

    objects = SearchSynonymManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["phrase"]
        verbose_name = "search synonym"

    def __str__(self):
        return f"{self.phrase} → {self.means}"

    def save(self, *args, **kwargs):
        self.phrase = " ".join(self.phrase.lower().split())
        super().save(*args, **kwargs)

    def natural_key(self):
        return (self.phrase,)

    @property
    def meanings(self):
        return [word.strip() for word in self.means.split(",") if word.strip()]
