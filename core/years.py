"""Figures carry the year they apply to; today's date says whether that year has passed.

The rules live in ``core.periods``; this module keeps the names other code imports.
"""

from django.db import models
from django.utils import timezone

from core.periods import has_ended, period_ends


class YearKind(models.TextChoices):
    PAY = "pay", "Pay year (April to March)"
    ACADEMIC = "academic", "Academic year (September to August)"
    CALENDAR = "calendar", "Calendar year"


def year_ends(label, kind):
    """The last day of the year a label such as "2025/26" or "2025" names, or None when the
    label names no year ("undated")."""
    return period_ends(label, kind)


def has_passed(label, kind, today=None):
    """True once the year the label names is over."""
    return has_ended(label, kind, today or timezone.localdate())
