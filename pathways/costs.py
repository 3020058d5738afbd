"""What qualifying could cost a visitor and how people pay, as a breakdown of published
figures. Pure functions over records the view has loaded: no figure is made up here, only
added up, and every line keeps the record it came from (for its source and year)."""

from dataclasses import dataclass, field
from decimal import Decimal

from pathways.planner import APPRENTICESHIP


@dataclass(frozen=True)
class Line:
    """One cost or one kind of support. ``low``/``high`` are None where nobody has published
    a figure: the line's text then says what to ask and whom."""

    title: str
    text: str
    records: list
    low: Decimal | None = None
    high: Decimal | None = None
    amount_label: str = ""
    year: str = ""
    is_out_of_date: bool = False

    @property
    def is_range(self):
        return self.low is not None and self.high is not None and self.low != self.high


@dataclass(frozen=True)
class Breakdown:
    costs: list
    support: list
    unpriced: list = field(default_factory=list)  # costs with no published figure
    courses_without_fee: list = field(default_factory=list)
    left_low: Decimal | None = None
    left_high: Decimal | None = None
    known_low: Decimal | None = None  # the costs we can add up, before support
    known_high: Decimal | None = None
    support_total: Decimal | None = None
    support_may_not_follow: bool = False  # the nation's support may not fund these courses
    fee_courses: list = field(default_factory=list)  # the courses the fee range is from
    estimate: object = None  # the site's one published trainee estimate (a PlanNote)

    @property
    def has_left_to_find(self):
        return self.left_low is not None

    @property
    def unpriced_extras(self):
        """The costs besides the course fees that have no published figure."""
        return [line for line in self.unpriced if line is not self.costs[0]]

    @property
    def is_at_least(self):
        """Some cost has no published figure, so the total is a floor."""
        return bool(self.unpriced)

    @property
    def is_range(self):
        return self.has_left_to_find and self.left_low != self.left_high


def from_record(record, low=None, high=None):
    amount = getattr(record, "amount", None)
    return Line(
        title=record.title,
        text=record.text,
        records=[record],
        low=low if low is not None else amount,
        high=high if high is not None else amount,
        amount_label=getattr(record, "amount_label", ""),
        year=getattr(record, "year", ""),
        is_out_of_date=getattr(record, "is_out_of_date", False),
    )


def breakdown(*, route, courses, is_abroad, checks, finance, notes, support_follows=True):
    """``route``: the recommended EntryRoute; ``courses``: the plan's courses that fit the
    visitor's mode (``pathways.views.CourseForYou``, their nation's first); ``is_abroad``: the
    visitor lives outside the UK (international fees, no UK finance); ``checks``/``finance``:
    the nation's NationFact records; ``notes``: PlanNotes by slug; ``support_follows``: False
    where the nation's support may not fund the courses whose fees are added up (the low end
    then takes it off, the high end does not)."""
    fee_line, fee_courses = tuition(route, courses, is_abroad, notes)
    costs = [fee_line]
    for slug in ("personal-therapy-cost",):
        if slug in notes:
            costs.append(from_record(notes[slug]))
    costs += [from_record(fact) for fact in checks]
    for slug in ("hcpc-application-fee", "hcpc-registration-fee", "placement-travel-cost"):
        if slug in notes:
            costs.append(from_record(notes[slug]))
    support = [] if is_abroad else [from_record(fact) for fact in finance or []]
    if "bursaries" in notes:
        support.append(from_record(notes["bursaries"]))
    priced = [line for line in costs if line.low is not None]
    unpriced = [line for line in costs if line.low is None]
    first = [course for course in courses if course.is_first] or courses
    courses_without_fee = (
        [course.programme for course in first if course.fee_total is None]
        if route.slug != APPRENTICESHIP
        else []
    )
    known_low = sum((line.low for line in priced), Decimal(0))
    known_high = sum((line.high for line in priced), Decimal(0))
    help_total = sum((line.low for line in support if line.low is not None), Decimal(0))
    left_low = left_high = None
    if costs[0].low is not None and (finance is not None or is_abroad):
        left_low = max(Decimal(0), known_low - help_total)
        left_high = max(Decimal(0), known_high - (help_total if support_follows else 0))
    return Breakdown(
        costs=costs,
        support=support,
        unpriced=unpriced,
        courses_without_fee=courses_without_fee,
        left_low=left_low,
        left_high=left_high,
        known_low=known_low,
        known_high=known_high,
        support_total=help_total,
        support_may_not_follow=not support_follows,
        fee_courses=fee_courses,
        estimate=notes.get(NOTE_TRAINEE_ESTIMATE),
    )


NOTE_TRAINEE_ESTIMATE = "trainee-cost-estimate"

# Nations whose universities charge students from elsewhere in the UK another fee than
# their own residents' "home" fee: their home fees count only for their residents.
HOME_FEE_FOR_ITS_RESIDENTS = {"scotland"}


def tuition(route, courses, is_abroad, notes):
    """Course fees: the range of the whole-course fees of the courses that fit, those in the
    visitor's nation first (others only where none there publishes one), or "not published".
    Returns the line and the courses it is from."""
    if route.slug == APPRENTICESHIP:
        return Line(title="Training fees", text=route.cost or route.who_pays, records=[route]), []

    def counts(course):
        return course.fee_total is not None and (
            is_abroad
            or course.is_in_nation
            or course.programme.nation not in HOME_FEE_FOR_ITS_RESIDENTS
        )

    first = [course for course in courses if course.is_first]
    fees = [course for course in first if counts(course)] or [
        course for course in courses if counts(course)
    ]
    if not fees:
        text = notes_text(notes) if is_abroad else "Not published by the courses that fit"
        return Line(title="Course fees", text=text, records=[route]), []
    low = min(course.fee_total for course in fees)
    high = max(course.fee_total for course in fees)
    years = sorted({course.fee.year for course in fees if course.fee.year})
    return (
        Line(
            title="Course fees",
            text="; ".join(course.fee_summary for course in fees),
            records=[course.fee for course in fees],
            low=Decimal(low),
            high=Decimal(high),
            amount_label=f"{'international' if is_abroad else 'home'} fee for the whole course",
            year=", ".join(years) or "year not given",
            is_out_of_date=any(course.fee.is_out_of_date for course in fees),
        ),
        fees,
    )


def notes_text(notes):
    note = notes.get("training-from-abroad")
    return note.text if note else ""
