"""Filters for a plan's sections: each section lists its sources once, and says once which
of its records are not yet confirmed, rather than once per row. And the plan's timeline, as a
picture and as table rows."""

from django import template
from django.utils.dates import MONTHS
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

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


# The timeline is drawn here rather than in a template: its dozen bars cost 6 ms a timeline
# through the template language, and a plan for new answers often has a timeline not drawn
# before (issue 19).


@register.simple_tag
def timeline_picture(timeline):
    """A ``pathways.timeline.Timeline`` as an SVG picture: a line a year, and a labelled bar
    a step, each bar titled with its dates. The table beside it carries the same facts."""
    height = timeline.height
    lines = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {timeline.width} {height}"'
        ' role="img" aria-labelledby="timeline-caption" focusable="false"'
        ' class="app-timeline__svg">'
    ]
    for tick in timeline.ticks:
        lines += [
            f'  <line x1="{tick.x:.1f}" y1="12" x2="{tick.x:.1f}" y2="{height}"'
            ' class="app-timeline__tick"/>',
            f'  <text x="{tick.x:.1f}" y="9" class="app-timeline__tick-label">'
            f"{escape(tick.label)}</text>",
        ]
    for row, bar in enumerate(timeline.bars):
        next_bar = " app-timeline__bar--next" if row == 0 else ""
        lines += [
            f'  <g class="app-timeline__row" id="bar-{escape(bar.slug)}">',
            f'    <text x="8" y="{bar.label_y:.1f}" class="app-timeline__number">'
            f"{escape(Truncator(bar.label).chars(60))}</text>",
            f'    <rect x="{bar.x:.1f}" y="{bar.y:.1f}" width="{bar.width:.1f}" height="10"'
            f' rx="2" class="app-timeline__bar{next_bar}"><title>{escape(bar.label)}:'
            f" {month_and_year(bar.start_date)} to {month_and_year(bar.end_date)}</title></rect>",
            "  </g>",
        ]
    lines.append("</svg>")
    return mark_safe("\n".join(lines))


@register.simple_tag
def timeline_rows(timeline):
    """The timeline's table rows: each step, the month it starts and the month it ends."""
    return mark_safe(
        "".join(
            f'<tr class="govuk-table__row"><th scope="row" class="govuk-table__header">'
            f"{escape(bar.label)}</th>"
            f'<td class="govuk-table__cell">{month_and_year(bar.start_date)}</td>'
            f'<td class="govuk-table__cell">{month_and_year(bar.end_date)}</td></tr>'
            for bar in timeline.bars
        )
    )


def month_and_year(day):
    """As ``{{ day|date:"F Y" }}`` gives it ("September 2027"), in a twentieth of the time."""
    return f"{MONTHS[day.month]} {day.year}"
