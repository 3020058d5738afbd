"""What site search looks through: every section of every public page, read from the content.

A document is one place a visitor can be sent to: a page and the id of a section or row on
it, with the words shown there. Each builder below mirrors one page's template, so a link
lands on an anchor that exists (``tests/search`` fetches every result's page to check).
Reading everything takes a fixed number of queries, whatever the amount of content.
"""

from dataclasses import dataclass

from django.db.models import F
from django.urls import reverse

from careers.models import (
    ROLE_PAGE_NATION_TOPICS,
    ClientGroup,
    NationFact,
    Organisation,
    PayFigure,
    RelatedRole,
    Role,
    Skill,
    Task,
    Workplace,
)
from core.journey import JOURNEY
from core.models import GlossaryTerm
from pathways.models import (
    EntryRoute,
    Programme,
    ProgressionStage,
    Qualification,
    Requirement,
    SchoolFact,
    Specialism,
    shown_to_role,
)

PAGE_TITLES = {step.url_name: step.title for step in JOURNEY}

# The page that shows each per-nation fact, as a row of its comparison table (``#fact-<slug>``):
# the role page's hours, pay and jobs, the qualifications page's everything else. (The
# qualifications page compares every topic; a visitor asking about pay wants the role page.)
NATION_FACT_PAGES = {
    topic: "careers:role_detail" if topic in ROLE_PAGE_NATION_TOPICS else "pathways:qualifications"
    for topic in NationFact.Topic
}


# A definition helps, but the section of a journey page that uses the word helps more:
# "hcpc" should find HCPC registration before what the letters stand for.
GLOSSARY_WEIGHT = 0.6
# A role with pages of its own is found there before in another role's related roles.
RELATED_WITH_PAGES_WEIGHT = 0.5


@dataclass(frozen=True)
class Document:
    """One section or row of a public page, as search sees it."""

    kind: str  # what it is, shown above the result: "Pay and hours", "Organisation"
    title: str
    text: str
    url: str  # a path with the section's #id, or an organisation's own address
    context: str = ""  # the page and section it sits in: words that describe it
    weight: float = 1.0  # how much to prefer it when scores tie: pages here over other sites

    @property
    def is_external(self):
        return not self.url.startswith("/")


def _page(url_name, role_slug, anchor, **kwargs):
    return reverse(url_name, kwargs={"role_slug": role_slug, **kwargs}) + f"#{anchor}"


def _join(*parts):
    return "\n".join(part for part in parts if part)


def _role_documents(role):
    page = "careers:role_detail"
    title = PAGE_TITLES[page]
    yield Document(
        title,
        role.title,
        _join(role.summary, role.alternative_titles, role.description, role.how_it_helps),
        _page(page, role.slug, "summary"),
        f"What a {role.title.lower()} does",
    )
    if role.ways_of_working:
        yield Document(
            title,
            "Where they work",
            role.ways_of_working,
            _page(page, role.slug, "where-they-work"),
            "employers settings",
        )
    yield Document(
        title,
        "Pay and hours",
        role.working_pattern,
        _page(page, role.slug, "pay-and-hours"),
        "pay hours",
    )
    yield Document(
        title,
        "Finding work",
        _join(role.job_market, role.vacancies),
        _page(page, role.slug, "job-market"),
        "jobs vacancies",
    )
    yield Document(
        title,
        "A protected title",
        _join(role.regulation, role.register_check),
        _page(page, role.slug, "regulation"),
        f"regulation registration {role.regulator.display_name}",
    )
    if role.career_changers:
        yield Document(
            title,
            f"Who becomes a {role.title.lower()}",
            role.career_changers,
            _page(page, role.slug, "who-becomes-one"),
            "career change",
        )
    sections = [
        ("careers:skills", role.skills_intro, "intro", "Is it for me"),
        ("pathways:entry_route_list", role.entry_routes_intro, "intro", "How do I get in"),
        ("pathways:entry_route_list", role.getting_experience, "getting-experience", ""),
        ("pathways:qualifications", role.qualifications_intro, "intro", "Qualifications"),
        ("pathways:qualifications", role.training_costs, "cost-and-funding", ""),
        ("pathways:qualifications", role.four_nations, "four-nations", ""),
        ("pathways:progression", role.progression_intro, "intro", "Where can it lead"),
        ("pathways:progression", role.ways_of_working, "employed-and-self-employed", ""),
        ("pathways:next_steps", role.next_steps_intro, "intro", "What do I do next"),
    ]
    headings = {
        "getting-experience": "Getting experience",
        "cost-and-funding": "What training costs, and who pays",
        "four-nations": "England, Scotland, Wales and Northern Ireland",
        "employed-and-self-employed": "Employed and self-employed work",
    }
    for url_name, text, anchor, intro_title in sections:
        if text:
            yield Document(
                PAGE_TITLES[url_name],
                headings.get(anchor) or f"{intro_title}: {role.title.lower()}",
                text,
                _page(url_name, role.slug, anchor),
            )


def per_role(model, queryset=None):
    """A record that roles share (``SharedChild``), once, with the slug of the first
    published role it applies to: it is the same section on each role's pages, so search
    finds it there only. One query."""
    queryset = queryset if queryset is not None else model.objects.published()
    rows = queryset.filter(roles__is_published=True).annotate(
        role_slug=F("roles__slug"), role_pk=F("roles__pk")
    )
    for record in first_of_each(rows.order_by("pk", "role_pk")):
        yield record, record.role_slug


def first_of_each(rows, key=lambda row: row.pk):
    """The first of each run of rows with the same ``key`` (rows come ordered by it)."""
    last = object()
    for row in rows:
        if key(row) != last:
            last = key(row)
            yield row


def _role_children():
    """Rows of the role's pages: one query per model."""

    def published(model):
        return model.objects.published().filter(role__is_published=True).select_related("role")

    page, skills = "careers:role_detail", "careers:skills"
    for task in published(Task):
        yield Document(
            "Day to day", task.text, "", _page(page, task.role.slug, f"task-{task.slug}")
        )
    for group in published(ClientGroup):
        yield Document(
            "Who they work with",
            group.name,
            group.description,
            _page(page, group.role.slug, f"client-{group.slug}"),
        )
    for place in published(Workplace):
        yield Document(
            "Where they work",
            place.name,
            place.description,
            _page(page, place.role.slug, f"workplace-{place.slug}"),
        )
    for pay, role_slug in per_role(PayFigure):
        yield Document(
            "Pay and hours",
            pay.label,
            _join(f"£{pay.minimum:,} to £{pay.maximum:,} a year ({pay.pay_year})", pay.note),
            _page(page, role_slug, f"pay-{pay.slug}"),
            _join(pay.band, pay.scale, pay.get_nation_display(), "pay a year"),
        )
    for other in published(RelatedRole).select_related("linked_role"):
        is_related = other.relation == RelatedRole.Relation.RELATED
        yield Document(
            "Related roles" if is_related else "Not the same as",
            other.title,
            other.explanation,
            _page(page, other.role.slug, "related-roles" if is_related else "not-the-same-as"),
            weight=RELATED_WITH_PAGES_WEIGHT if other.shown_role else 1.0,
        )
    for skill in published(Skill):
        yield Document(
            PAGE_TITLES[skills],
            skill.name,
            _join(skill.why_it_matters, skill.how_to_build),
            _page(skills, skill.role.slug, f"skill-{skill.slug}"),
            skill.get_kind_display(),
        )


def _pathway_children():
    def published(model):
        return model.objects.published().filter(role__is_published=True).select_related("role")

    routes = "pathways:entry_route_list"
    for route, slug in per_role(EntryRoute):
        yield Document(
            PAGE_TITLES[routes],
            route.name,
            _join(route.summary, route.description, route.who_it_suits, route.study_modes),
            reverse("pathways:entry_route_detail", kwargs={"role_slug": slug, "slug": route.slug})
            + "#summary",
            _join(route.duration, route.where_available, route.outcome),
        )
        detail = {"role_slug": slug, "slug": route.slug}
        if route.cost or route.who_pays:
            cost_anchor = "cost" if route.cost else "summary"
            yield Document(
                f"{route.name}: what it costs",
                f"Cost and funding: {route.short_name.lower()}",
                _join(route.cost, route.who_pays),
                reverse("pathways:entry_route_detail", kwargs=detail) + f"#{cost_anchor}",
                "who pays",
            )
        if route.how_to_apply:
            yield Document(
                route.name,
                f"How to apply: {route.short_name.lower()}",
                route.how_to_apply,
                reverse("pathways:entry_route_detail", kwargs=detail) + "#how-to-apply",
                "apply application",
            )
    requirements = Requirement.objects.published().filter(
        route__is_published=True, route__roles__is_published=True
    )
    rows = requirements.select_related("route").annotate(
        role_slug=F("route__roles__slug"), role_pk=F("route__roles__pk")
    )
    for requirement in first_of_each(rows.order_by("pk", "role_pk")):
        route = requirement.route
        yield Document(
            f"{route.name}: what you need",
            requirement.text,
            requirement.detail,
            reverse(
                "pathways:entry_route_detail",
                kwargs={"role_slug": requirement.role_slug, "slug": route.slug},
            )
            + f"#requirement-{requirement.slug}",
            "requirements",
        )
    qualifications = "pathways:qualifications"
    shared = Qualification.objects.published().select_related("body")
    for qualification, role_slug in per_role(Qualification, shared):
        yield Document(
            PAGE_TITLES[qualifications],
            qualification.name,
            _join(qualification.summary, qualification.description),
            _page(qualifications, role_slug, qualification.slug),
            _join(qualification.level, qualification.body.display_name),
        )
    programmes = (
        Programme.objects.published()
        .filter(  # found on each role's page that lists it
            shown_to_role(F("routes__roles")),
            routes__is_published=True,
            routes__roles__is_published=True,
        )
        .values_list(
            "slug",
            "provider",
            "award",
            "location",
            "nation",
            "notes",
            "routes__roles__slug",
            "routes__roles__pk",
        )
        .distinct()
        .order_by("provider", "slug", "routes__roles__pk")
    )
    for slug, provider, award, location, nation, notes, role_slug, _ in first_of_each(
        programmes, key=lambda row: row[0]
    ):
        yield Document(
            "Approved courses",
            f"{award}, {provider}",
            notes,
            _page(qualifications, role_slug, f"programme-{slug}"),
            _join(location, nation.replace("-", " "), "course"),
        )
    progression = "pathways:progression"
    for stage in published(ProgressionStage):
        yield Document(
            PAGE_TITLES[progression],
            stage.name,
            _join(stage.summary, stage.responsibilities),
            _page(progression, stage.role.slug, f"stage-{stage.slug}"),
            stage.typical_band,
        )
    for specialism in published(Specialism):
        yield Document(
            "Specialisms",
            specialism.name,
            specialism.description,
            _page(progression, specialism.role.slug, f"specialism-{specialism.slug}"),
        )
    for fact in published(SchoolFact):
        yield Document(
            "At school or college",
            fact.title,
            fact.text,
            _page(routes, fact.role.slug, f"school-{fact.slug}"),
            _join(fact.get_topic_display(), fact.get_nation_display(), "school college student"),
        )
    facts = NationFact.objects.published().select_related("organisation")
    for fact, role_slug in per_role(NationFact, facts):
        yield Document(
            f"{fact.get_topic_display()}: {fact.get_nation_display()}",
            fact.title,
            fact.text,
            _page(NATION_FACT_PAGES[fact.topic], role_slug, f"fact-{fact.slug}"),
            _join(
                fact.get_nation_display(),
                fact.organisation and fact.organisation.display_name,
                fact.organisation and fact.organisation.helps_with,
            ),
        )


def _organisations():
    for organisation in Organisation.objects.published():
        if organisation.url:
            yield Document(
                "Organisation",
                organisation.display_name,
                organisation.helps_with,
                organisation.url,
                weight=0.6,
            )


def _glossary():
    """Each term with its definition, as the glossary page lists it."""
    glossary = reverse("glossary")
    for term in GlossaryTerm.objects.published():
        yield Document(
            "Explained",
            term.term,
            term.definition,
            f"{glossary}#term-{term.slug}",
            term.also_matches,
            weight=GLOSSARY_WEIGHT,
        )


def documents():
    """Every public section search can send a visitor to, in the order pages show them."""
    found = []
    for role in Role.objects.published().select_related("regulator"):
        found.extend(_role_documents(role))
    found.extend(_role_children())
    found.extend(_pathway_children())
    found.extend(_glossary())
    found.extend(_organisations())
    return found
