from django.db import models


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
