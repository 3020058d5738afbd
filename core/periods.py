"""The periods a figure covers and the dates it took effect, in one place for every app.

A pay year ("2026/27") runs April to March, as NHS pay years do; an academic year
("2026/27") runs September to August, as student finance years do; a plain year ("2026")
runs to the end of December. A figure with no period (a fee in force since a date until it
changes) never expires by itself: only a period that has ended makes a figure out of date.
"""

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

UNDATED = "undated"
SPLIT_YEAR = re.compile(r"^(\d{4})/(\d{2})$")
PLAIN_YEAR = re.compile(r"^(\d{4})$")


class YearKind(models.TextChoices):
    PAY = "pay", "Pay year (April to March)"
    ACADEMIC = "academic", "Academic year (September to August)"
    CALENDAR = "calendar", "Calendar year"


LAST_DAY = {YearKind.PAY: (3, 31), YearKind.ACADEMIC: (8, 31)}


def parse_period(label):
    """The first calendar year of a period label ("2026/27" → 2026, "2026" → 2026), or None
    for "undated" or blank. Raises ValueError for anything else, such as "last year" or
    "2026/28"."""
    label = (label or "").strip()
    if label in ("", UNDATED):
        return None
    if match := SPLIT_YEAR.match(label):
        start = int(match.group(1))
        if (start + 1) % 100 != int(match.group(2)):
            raise ValueError(f"{label!r}: the second year must follow the first, e.g. 2026/27.")
        return start
    if match := PLAIN_YEAR.match(label):
        return int(match.group(1))
    raise ValueError(f"{label!r} is not a year such as 2026/27.")


def period_ends(label, kind):
    """The last day of the period a label names, or None when it names none."""
    try:
        start = parse_period(label)
    except ValueError:
        return None
    if start is None:
        return None
    if kind in LAST_DAY:  # a pay or academic year: the one starting in ``start``
        month, day = LAST_DAY[kind]
        return date(start + 1, month, day)
    return date(start, 12, 31)


def has_ended(label, kind, today=None):
    """True once the period the label names is over (never for "undated" or blank)."""
    ends = period_ends(label, kind)
    return ends is not None and (today or timezone.localdate()) > ends


def has_passed_date(day, today=None):
    """True once ``day`` (a closing date, say) is behind us."""
    return day is not None and day < (today or timezone.localdate())


def validate_split_year(value):
    """A pay or academic year as editors type it: '2026/27', or 'undated'."""
    value = (value or "").strip()
    if value == UNDATED:
        return
    try:
        if not SPLIT_YEAR.match(value):
            raise ValueError
        parse_period(value)
    except ValueError:
        raise ValidationError(
            "Give the year as 2026/27 (the second year following the first), or “undated”.",
            code="invalid_period",
        ) from None


def validate_period(value):
    """A period label: '2026/27', '2026' or 'undated' (or blank where allowed)."""
    try:
        parse_period(value)
    except ValueError:
        raise ValidationError(
            "Give the year as 2026/27, or 2026 for a calendar year, or “undated”.",
            code="invalid_period",
        ) from None
