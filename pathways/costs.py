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

    @property
    def has_left_to_find(self):
        return self.left_low is not None


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


def breakdown(*, route, courses, is_abroad, checks, finance, notes):
    """``route``: the recommended EntryRoute; ``courses``: the programmes that fit;
    ``is_abroad``: the visitor lives outside the UK (international fees, no UK finance);
    ``checks``/``finance``: the nation's NationFact records; ``notes``: PlanNotes by slug."""
    costs = [tuition(route, courses, is_abroad, notes)]
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
    courses_without_fee = [course for course in courses if course.tuition_fee is None]
    left_low = left_high = None
    if costs[0].low is not None and finance is not None and not is_abroad:
        help_total = sum((line.low for line in support if line.low is not None), Decimal(0))
        left_low = max(Decimal(0), sum((line.low for line in priced), Decimal(0)) - help_total)
        left_high = max(Decimal(0), sum((line.high for line in priced), Decimal(0)) - help_total)
    return Breakdown(
        costs=costs,
        support=support,
        unpriced=unpriced,
        courses_without_fee=courses_without_fee,
        left_low=left_low,
        left_high=left_high,
    )


def tuition(route, courses, is_abroad, notes):
    """Course fees: the range across the courses that fit, or "check with the course"."""
    if route.slug == APPRENTICESHIP:
        return Line(title="Training fees", text=route.cost or route.who_pays, records=[route])
    fees = [course for course in courses if course.tuition_fee is not None]
    if is_abroad or not fees:
        return Line(
            title="Course fees",
            text="Check with the course" if not is_abroad else notes_text(notes),
            records=[route],
        )
    low = min(course.tuition_fee for course in fees)
    high = max(course.tuition_fee for course in fees)
    years = sorted({course.fee_year for course in fees if course.fee_year})
    return Line(
        title="Course fees",
        text=", ".join(f"{course.provider}" for course in fees),
        records=fees,
        low=Decimal(low),
        high=Decimal(high),
        amount_label="home fee for the whole course",
        year=", ".join(years),
    )


def notes_text(notes):
    note = notes.get("training-from-abroad")
    return note.text if note else ""
