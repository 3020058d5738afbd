"""Two or three roles side by side: the same rows for every role, in the same order, each
cell with the records it shows and their sources.

What a cell says comes from the records the role pages show (the role, its client groups,
qualifications, entry routes with their requirements and courses, pay, the nation facts,
where jobs are advertised). Three rows have no field of their own on the role: the art form
and how a session works, the professional body, and what makes the role distinct. Each is a
snippet an editor writes per role, ``compare-<role slug>-art-form`` (and ``-professional-
body``, ``-distinct``), with its own sources and review date.
"""

from dataclasses import dataclass, field, replace

from careers.models import Role
from core.citations import cite
from core.content import Nation
from core.models import Snippet
from pathways.models import Requirement, roles_for_compare

MIN_ROLES = 2
SNIPPET_ROWS = ("art-form", "professional-body", "distinct")


@dataclass
class Line:
    text: str
    label: str = ""  # a short lead-in, e.g. the route or the nation
    url: str = ""


@dataclass
class Cell:
    lines: list
    records: list  # what the cell shows, for its sources and "not yet confirmed"
    sources: list = field(default_factory=list)  # (number, source) in the page's list
    flagged: list = field(default_factory=list)
    run_in: bool = False  # a list of names, which paper runs together to save lines
    role_links: list = field(default_factory=list)  # (role, url) of a shared cell's pages


@dataclass
class Row:
    slug: str
    label: str
    cells: list  # one per role, in the page's order
    shared: Cell | None = None  # the one cell shown across the roles, where all agree


def shared_cell(roles, cells):
    """One cell for every role when their cells say the same from the same sources (a shared
    record, such as the apprenticeship or NHS pay), else None. Where the same line links to
    each role's own page, the lines lose their links and the cell links to each role's
    page instead."""
    first = cells[0]
    if any(
        [(line.label, line.text) for line in cell.lines]
        != [(line.label, line.text) for line in first.lines]
        or cell.sources != first.sources
        for cell in cells
    ):
        return None
    if all(cell.lines == first.lines for cell in cells):
        return first
    lines = [Line(line.text, line.label) for line in first.lines]
    links = [(role, cell.lines[0].url) for role, cell in zip(roles, cells, strict=True)]
    return replace(first, lines=lines, role_links=links)


def canonical_order(slugs):
    """The order of the one address for these roles (see ``careers.models.compare_url``)."""
    return sorted(slugs)


def published_roles():
    """The roles a visitor can pick, for the picker (title order)."""
    return list(Role.objects.published().only("slug", "title").order_by("title"))


def comparison(slugs):
    """The page's data for the published roles ``slugs`` (in that order): the roles, the
    rows, and every source cited, numbered as the cells cite them."""
    found = {role.slug: role for role in roles_for_compare().filter(slug__in=slugs)}
    roles = [found[slug] for slug in slugs]
    snippets = Snippet.objects.published().in_bulk(
        [f"compare-{slug}-{row}" for slug in slugs for row in SNIPPET_ROWS], field_name="slug"
    )
    columns = [role_cells(role, snippets) for role in roles]
    rows = [Row(slug, label, [column[slug] for column in columns]) for slug, label in ROW_LABELS]
    cells = [cell for row in rows for cell in row.cells]
    page_sources = cite([record for cell in cells for record in cell.records])
    numbers = {source.pk: number for number, source in enumerate(page_sources, start=1)}
    for cell in cells:
        cited = {source.pk: source for record in cell.records for source in record.cited}
        cell.sources = sorted((numbers[pk], source) for pk, source in cited.items())
        # "Not yet confirmed" once a cell, with each distinct note on what to check.
        flagged = [record for record in cell.records if record.needs_verification]
        cell.flagged = list({record.verification_note: record for record in flagged}.values())
    for row in rows:
        row.shared = shared_cell(roles, row.cells)
    last_reviewed = max(record.last_reviewed for cell in cells for record in cell.records)
    return {
        "roles": roles,
        "rows": rows,
        # On a phone: one card per role, with the same rows in the same order.
        "cards": [
            (role, [(row, row.cells[number]) for row in rows]) for number, role in enumerate(roles)
        ],
        "page_sources": page_sources,
        "last_reviewed": last_reviewed,
    }


ROW_LABELS = [
    ("art-form", "The art form and how a session works"),
    ("clients", "Who they work with"),
    ("registration", "Registration everyone needs"),
    ("professional-body", "Professional body"),
    ("degree", "Entry: degree"),
    ("experience", "Entry: experience"),
    ("practice", "Entry: portfolio, audition or interview"),
    ("training", "How long training takes"),
    ("courses", "Courses in each nation, with fees"),
    ("apprenticeship", "The apprenticeship"),
    ("pay", "Starting pay and band"),
    ("hours", "Full-time hours"),
    ("jobs", "Where jobs are advertised"),
    ("distinct", "What makes it distinct"),
]


def role_cells(role, snippets):
    """Every row's cell for one role, by row slug."""
    routes = list(role.entry_routes.all())
    several_routes = len(routes) > 1
    apprenticeships = [route for route in routes if route.is_paid_while_learning]

    def snippet_cell(row, fallback=None):
        snippet = snippets.get(f"compare-{role.slug}-{row}")
        if snippet:
            return Cell([Line(snippet.text)], [snippet])
        return fallback or Cell([Line("Not written yet: see the role's own pages.")], [])

    def requirements_cell(*kinds):
        lines, records = [], []
        for route in routes:
            for requirement in route.requirements.all():
                if requirement.kind in kinds:
                    label = route.short_name if several_routes else ""
                    usual = "" if requirement.is_essential else " (usual, not essential)"
                    lines.append(Line(requirement.text + usual, label))
                    records.append(requirement)
        return Cell(lines, records)

    pay = role.starting_pay
    return {
        "art-form": snippet_cell("art-form", Cell([Line(role.summary)], [role])),
        "clients": Cell(
            [Line(group.name) for group in role.client_groups.all()],
            list(role.client_groups.all()),
            run_in=True,
        ),
        "registration": Cell(
            [Line(q.name) for q in role.qualifications.all() if q.is_mandatory],
            [q for q in role.qualifications.all() if q.is_mandatory],
        ),
        "professional-body": snippet_cell("professional-body"),
        "degree": requirements_cell(Requirement.Kind.DEGREE),
        "experience": requirements_cell(Requirement.Kind.EXPERIENCE),
        "practice": requirements_cell(Requirement.Kind.MUSIC, Requirement.Kind.SELECTION),
        "training": Cell([Line(route.duration, route.short_name) for route in routes], routes),
        "courses": courses_cell(role, routes),
        "apprenticeship": Cell(
            [
                Line(f"{route.duration}. {route.funding_note}", route.name, route.url_for(role))
                for route in apprenticeships
            ]
            or [Line("No apprenticeship leads to this role.")],
            apprenticeships,
        ),
        "pay": Cell(
            [Line(pay_line(pay), pay.label)] if pay else [Line("No starting figure published.")],
            [pay] if pay else [],
        ),
        "hours": Cell(
            [
                Line(fact.title, fact.get_nation_display())
                for fact in role.nation_facts.all()
                if fact.topic == "hours"
            ],
            [fact for fact in role.nation_facts.all() if fact.topic == "hours"],
        ),
        "jobs": Cell(
            [Line(site.name, url=site.url) for site in role.vacancy_organisations.all()],
            list(role.vacancy_organisations.all()),
            run_in=True,
        ),
        "distinct": snippet_cell("distinct"),
    }


def pay_line(pay):
    year = (
        f"{pay.pay_year} figures; a newer pay year now applies"
        if pay.is_out_of_date
        else (f"{pay.pay_year} pay year")
    )
    return f"£{pay.minimum:,} to £{pay.maximum:,} a year ({year})"


def courses_cell(role, routes):
    """``role``'s approved courses by nation (in the usual order of the nations), each with
    its published home fees, or that the course publishes none."""
    programmes = {}
    for route in routes:
        for programme in route.programmes_for(role):
            programmes.setdefault(programme.pk, programme)
    lines, records = [], []
    for nation, name in Nation.choices:
        here = sorted(
            (p for p in programmes.values() if p.nation == nation), key=lambda p: p.provider
        )
        for number, programme in enumerate(here):
            fees = [fee for fee in programme.fees.all() if fee.status == "home" and fee.amount]
            fee_text = "; ".join(
                f"home {fee.get_mode_display().lower()} £{fee.amount:,.0f} {fee.basis_label}"
                + (f" ({fee.year})" if fee.year else "")
                for fee in fees
            )
            lines.append(
                Line(
                    f"{programme.provider}, {programme.location}: "
                    + (fee_text or "fee: check with the course"),
                    "" if number else str(name),
                    programme.url,
                )
            )
            records.extend([programme, *fees])
    return Cell(lines or [Line("No approved course listed yet.")], records)
