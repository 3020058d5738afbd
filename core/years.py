"""Figures carry the year they apply to; today's date says whether that year has passed.

A pay year ("2025/26") runs April to March, as NHS pay years do; an academic year
("2025/26") runs September to August, as student finance years do; a plain year ("2025")
runs to the end of December.
"""

import re
from datetime import date

from django.db import models
from django.utils import timezone


class YearKind(models.TextChoices):
    PAY = "pay", "Pay year (April to March)"
    ACADEMIC = "academic", "Academic year (September to August)"
    CALENDAR = "calendar", "Calendar year"


LAST_DAY = {
    YearKind.PAY: (3, 31),
    YearKind.ACADEMIC: (8, 31),
}


def year_ends(label, kind):
    """The last day of the year a label such as "2025/26" or "2025" names, or None when the
    label names no year ("undated")."""
    match = re.search(r"\b(\d{4})\b", label or "")
    if not match:
        return None
    start = int(match.group(1))
    if kind in LAST_DAY:
        month, day = LAST_DAY[kind]
        return date(start + 1, month, day)
    return date(start, 12, 31)


def has_passed(label, kind, today=None):
    """True once the year the label names is over."""
    ends = year_ends(label, kind)
    return ends is not None and (today or timezone.localdate()) > ends
