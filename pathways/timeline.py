"""Lay a plan's steps out on the calendar from today to qualifying, for the timeline picture.

Steps run in their real order. School comes first (open days and the UCAS application in
the year before the degree) and a degree starts the September after it. An undergraduate's
degree is taken to end at the end of this academic year, the earliest it can (the planner
does not ask which year they are in; the plan says so). Experience follows the degree, and
at least a year of work or experience comes between a degree and the application: courses
ask for one to two years of it after a degree and rarely take final-year undergraduates.
The role's art form and the like run alongside from now. Applications go in once the visitor is
ready, and training starts at the first intake whose closing date they can still meet. Pure
functions: the view passes in each step's typical months, today's date, whether the visitor
is studying for a degree now, the intakes of the courses that fit and the training length
for the visitor's mode.
"""

from dataclasses import dataclass
from datetime import date

from pathways.planner import (
    APPLY,
    CAREER,
    PHASE_OF_STEP,
    PREPARE,
    QUALIFY,
    SELECTION_STEPS,
    SUBJECT_STEPS,
    TRAIN,
    UCAS_STEP,
)

WIDTH = 320  # SVG user units; the picture scales to its container
LEFT, RIGHT = 8, 8
ROW_HEIGHT, BAR_HEIGHT, TOP = 26, 10, 20
DEGREE_STARTS_IN = 9  # September
DEGREE_ENDS_IN = 9  # a degree ends with the academic year, before the next September
# Courses ask for one to two years of work or experience after a degree (BAMT, the courses'
# own pages): the lower end comes between the degree and the application in every plan.
WORK_AFTER_DEGREE = 12
USUAL_CLOSING_MONTHS_BEFORE = 8  # courses that give no date: January for September
ONE_MORE_TRY = 12  # a second application waits for the next year's intake
HORIZON = 240  # months searched for an intake
# School steps tied to the degree's start: months before it that each begins.
BEFORE_THE_DEGREE = {"school-open-days": 18, UCAS_STEP: 12}
AFTER_THE_DEGREE = {"gain-caring-experience", "take-introductory-course"}
# The steps that must be done by the closing date: the plan's window for them ends there
# (each role's audition, portfolio or interview, and the application).
DONE_BY_CLOSING = (*sorted(SELECTION_STEPS), "apply-postgraduate")


@dataclass(frozen=True)
class Intake:
    """When a course starts: its month, and the next start and closing dates it gives."""

    month: int = 9
    next_start: date | None = None
    closing: date | None = None


@dataclass(frozen=True)
class Bar:
    number: int
    slug: str
    title: str
    start: int
    months: int
    x: float
    y: float
    width: float
    start_date: date
    end_date: date

    @property
    def end(self):
        return self.start + self.months

    @property
    def label_y(self):
        return self.y - 3

    @property
    def label(self):
        return f"{self.number}. {self.title}"


@dataclass(frozen=True)
class Tick:
    label: str
    x: float


@dataclass(frozen=True)
class Timeline:
    """Frozen and hashable: a plan's timeline fragment is kept per timeline."""

    bars: tuple
    total_months: int
    ticks: tuple
    height: int
    width: int = WIDTH

    @property
    def years(self):
        return self.total_months / 12

    @property
    def shortest_years(self):
        return max(1, round(self.total_months / 12))

    @property
    def longest_years(self):
        return max(1, round((self.total_months + ONE_MORE_TRY) / 12))


def month_index(today, day):
    """Whole months from today's month to ``day``'s month."""
    return (day.year - today.year) * 12 + day.month - today.month


def month_date(today, index):
    """The first day of the month ``index`` months from today's month."""
    months = today.month - 1 + index
    return date(today.year + months // 12, months % 12 + 1, 1)


def calendar_month(today, index):
    return (today.month - 1 + index) % 12 + 1


def next_month_named(today, month, not_before):
    """The first month index at or after ``not_before`` that falls in calendar ``month``."""
    return not_before + (month - calendar_month(today, not_before)) % 12


def first_intake(intakes, today, ready, not_before):
    """The month index training can start: the earliest intake at or after ``not_before``
    whose closing date falls no earlier than the month ``ready``, when the application can go
    in. A course's own dates win over the usual January closing."""
    starts = []
    for intake in intakes or [Intake()]:
        earliest = max(
            not_before, month_index(today, intake.next_start) if intake.next_start else 0
        )
        start = next_month_named(today, intake.month, earliest)
        while start < not_before + HORIZON:
            closing = start - USUAL_CLOSING_MONTHS_BEFORE
            if intake.closing and start - 12 < month_index(today, intake.closing) <= start:
                closing = month_index(today, intake.closing)
            if closing >= ready:
                starts.append(start)
                break
            start += 12
    return min(starts, default=next_month_named(today, 9, max(not_before, ready)))


def closing_month(intakes, today, start):
    """The month applications close for training that starts at month index ``start``: the
    latest closing date the courses give for that intake, else the usual January."""
    given = [
        month_index(today, intake.closing)
        for intake in intakes
        if intake.closing and start - 12 < month_index(today, intake.closing) <= start
    ]
    return max(given, default=start - USUAL_CLOSING_MONTHS_BEFORE)


def degree_ends(today):
    """The month index an undergraduate's degree ends by at the earliest: the end of this
    academic year (the next September, or the one after when this month is September)."""
    return next_month_named(today, DEGREE_ENDS_IN, 1)


def schedule(steps, months_of, today, intakes=(), training_months=None, in_degree=False):
    """Month index each step starts at, in real order; returns (starts, months).
    ``in_degree``: the visitor is studying for a degree now."""
    months = {slug: months_of.get(slug, 0) for _, slug, _ in steps}
    if training_months is not None and "complete-training" in months:
        months["complete-training"] = training_months
    slugs = set(months)
    starts = dict.fromkeys((s for s in slugs if PHASE_OF_STEP.get(s) == PREPARE), 0)
    school_end = max((months[s] for s in slugs if s in SUBJECT_STEPS), default=0)
    degree_end = 0
    if "get-a-degree" in slugs:
        starts["get-a-degree"] = next_month_named(today, DEGREE_STARTS_IN, school_end)
        degree_end = starts["get-a-degree"] + months["get-a-degree"]
        _after_school_and_degree(starts, starts["get-a-degree"], degree_end)
    elif in_degree:
        degree_end = degree_ends(today)
        _after_school_and_degree(starts, 0, degree_end)
    alongside = [
        starts[s] + months[s]
        for s in starts
        if s != "get-a-degree" and s not in SUBJECT_STEPS and s not in BEFORE_THE_DEGREE
    ]
    ready = max(
        [*alongside, school_end if not degree_end else 0]
        + ([degree_end + WORK_AFTER_DEGREE] if degree_end else [0])
    )
    can_apply = ready + max(months.get("research-courses", 1), 1)
    training = first_intake(intakes, today, can_apply, max(degree_end, can_apply))
    for slug in slugs:
        phase = PHASE_OF_STEP.get(slug)
        if phase == APPLY:
            starts[slug] = ready
        elif phase == TRAIN:
            starts[slug] = training
        elif phase == QUALIFY:
            starts[slug] = training + months.get("complete-training", 0)
    # Applications and auditions fit the window before the courses close, never after it.
    closes = closing_month(intakes, today, training)
    for slug in DONE_BY_CLOSING:
        if slug in starts:
            months[slug] = max(1, min(months[slug], closes + 1 - starts[slug]))
    if "get-background-check" in slugs:
        starts["get-background-check"] = max(ready, training - 3)
    return starts, months


def _after_school_and_degree(starts, degree_start, degree_end):
    """School steps fall in the year before the degree (open days from the spring before
    the UCAS year, the application from September); experience follows the degree, as
    courses ask for work after it and rarely take final-year undergraduates."""
    for slug, months_before in BEFORE_THE_DEGREE.items():
        if slug in starts:
            starts[slug] = max(0, degree_start - months_before)
    for slug in AFTER_THE_DEGREE:
        if slug in starts:
            starts[slug] = degree_end


def lay_out(steps, months_of, today, intakes=(), training_months=None, in_degree=False):
    """``steps``: (number, slug, title) in plan order; ``months_of``: slug → typical months.
    Steps after qualifying (career steps) are left off the picture."""
    shown = [step for step in steps if PHASE_OF_STEP.get(step[1]) not in (CAREER, None)]
    starts, months = schedule(shown, months_of, today, intakes, training_months, in_degree)
    total = max((starts[slug] + months[slug] for _, slug, _ in shown), default=0)
    scale = (WIDTH - LEFT - RIGHT) / max(total, 1)
    bars = tuple(
        Bar(
            number=number,
            slug=slug,
            title=title,
            start=starts[slug],
            months=months[slug],
            x=LEFT + starts[slug] * scale,
            y=TOP + row * ROW_HEIGHT + ROW_HEIGHT - BAR_HEIGHT - 2,
            width=max(months[slug] * scale, 3),
            start_date=month_date(today, starts[slug]),
            end_date=month_date(today, starts[slug] + months[slug]),
        )
        for row, (number, slug, title) in enumerate(shown)
    )
    every = 1 if total <= 60 else 2
    ticks = tuple(
        Tick(label=f"{year} yr" if year else "Now", x=LEFT + year * 12 * scale)
        for year in range(0, total // 12 + 1, every)
    )
    return Timeline(
        bars=bars, total_months=total, ticks=ticks, height=TOP + len(bars) * ROW_HEIGHT + 4
    )
