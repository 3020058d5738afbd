from django.db import models
from django.utils import timezone

COMMENT_MAX_LENGTH = 500


class FeedbackQuerySet(models.QuerySet):
    def from_sender_since(self, sender, since):
        return self.filter(sender=sender, created__gte=since)

    def by_page(self):
        """One row per page: how many said yes, no, and how many left a comment."""
        return (
            self.values("path")
            .annotate(
                total=models.Count("pk"),
                yes=models.Count("pk", filter=models.Q(is_useful=True)),
                no=models.Count("pk", filter=models.Q(is_useful=False)),
                comments=models.Count("pk", filter=~models.Q(comment="")),
                latest=models.Max("created"),
            )
            .order_by("-total", "path")
        )


class Feedback(models.Model):
    """A visitor's answer to "Is this page useful?". Nothing identifies them: the address it
    came from is kept only as a salted hash, to limit how often one address can send."""

    path = models.CharField("page", max_length=300)
    is_useful = models.BooleanField("useful")
    comment = models.TextField(max_length=COMMENT_MAX_LENGTH, blank=True)
    sender = models.CharField(
        max_length=64, help_text="A salted hash of the address it came from, never the address."
    )
    created = models.DateTimeField(default=timezone.now)

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]
        verbose_name_plural = "feedback"
        indexes = [
            models.Index(fields=["sender", "created"], name="feedback_sender_created"),
            models.Index(fields=["path"], name="feedback_path"),
        ]

    def __str__(self):
        return f"{self.path}: {'useful' if self.is_useful else 'not useful'}"
