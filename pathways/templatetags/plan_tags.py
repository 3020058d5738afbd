"""Filters for a plan's sections: each section lists its sources once, and says once which
of its records are not yet confirmed, rather than once per row."""

from django import template

register = template.Library()


@register.filter
def sources_of(records):
    """The distinct sources cited by ``records`` (each with its ``cited`` list), in order."""
    seen = {}
    for record in records or []:
        for citation in getattr(record, "cited", None) or []:
            seen.setdefault(citation.slug, citation)
    return list(seen.values())


@register.filter
def unconfirmed(records):
    """The records flagged for verification, each once."""
    seen = {}
    for record in records or []:
        if getattr(record, "needs_verification", False):
            seen.setdefault((record._meta.label_lower, record.pk), record)
    return list(seen.values())


@register.filter
def money_records(money):
    """Every record behind a money breakdown's lines, and the trainee estimate."""
    if not money:
        return []
    lines = [*money.costs, *money.support]
    return [
        *(record for line in lines for record in line.records),
        *([money.estimate] if money.estimate else []),
    ]


@register.filter
def course_records(courses):
    """Every programme, and its fee, behind a list of ``CourseForYou``."""
    return [
        record
        for course in courses or []
        for record in (course.programme, *([course.fee] if course.fee else []))
    ]


@register.filter
def short_name(record):
    """A record as a section's one "not yet confirmed" line names it: a course by its
    provider, a note or fact by its title."""
    provider = getattr(record, "provider", None)
    if provider:
        return provider
    programme = getattr(record, "programme", None)
    if programme is not None:
        return f"{programme.provider} fee"
    return getattr(record, "title", None) or str(record)
