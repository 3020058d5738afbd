import logging

from django.conf import settings
from django.http import HttpResponsePermanentRedirect, QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views.generic import DetailView, TemplateView

from careers.models import NationFact, compare_url
from careers.nations import NATIONS, nation_table
from core.content import Nation
from core.journey import JourneyPageMixin
from core.page_html import SOME_QUERY
from core.pagecache import canonical_query
from core.versions import for_version
from pathways.compare import MIN_ROLES, canonical_order, comparison, published_roles
from pathways.costs import breakdown
from pathways.forms import SUBMITTED, CompareForm, PlannerForm
from pathways.models import (
    SchoolFact,
    entry_routes_for_detail_page,
    programmes_for_role,
    roles_for_entry_routes_page,
    roles_for_next_steps_page,
    roles_for_plan,
    roles_for_progression_page,
    roles_for_qualifications_page,
)
from pathways.planner import (
    APPRENTICESHIP,
    NATION_FACT_KEY,
    NOTE_COMPARE,
    NOTE_EMPLOYER_PAYS,
    NOTE_ENGLAND_ONLY,
    NOTE_FUNDED_UNDER_22,
    PRACTICE_ALIASES,
    QUESTIONS,
    Answers,
    answer_notes,
    plan_for,
    questions_to_check,
    rules_for,
)
from pathways.timeline import Intake, lay_out

logger = logging.getLogger(__name__)

# The qualifications page compares the four nations on every topic that differs.
QUALIFICATIONS_NATION_ROWS = [
    (NationFact.Topic.CHECKS, "Background checks"),
    (NationFact.Topic.HOURS, "NHS full-time hours"),
    (NationFact.Topic.PAY, "Pay scales"),
    (NationFact.Topic.JOBS, "Where jobs are advertised"),
    (NationFact.Topic.FINANCE, "Student finance for a master's"),
    (NationFact.Topic.CAREERS_SERVICE, "Careers service"),
    (NationFact.Topic.COURSES, "Courses in the nation"),
]


class RolePageView(JourneyPageMixin, DetailView):
    """A journey page about one role, found by the ``role_slug`` in its URL."""

    slug_url_kwarg = "role_slug"
    context_object_name = "role"


class EntryRouteListView(RolePageView):
    """Step 3: how do I get in, the routes side by side."""

    template_name = "pathways/entryroute_list.html"
    journey_url_name = "pathways:entry_route_list"

    def get_queryset(self):
        return roles_for_entry_routes_page()

    def get_context_data(self, **kwargs):
        facts = self.object.school_facts.all()
        return super().get_context_data(
            school_facts=[fact for fact in facts if not fact.nation],
            school_nations=[
                (nation, label, [fact for fact in facts if fact.nation == nation])
                for nation, label in Nation.choices
                if any(fact.nation == nation for fact in facts)
            ],
            **kwargs,
        )

    def shown_records(self, context):
        routes = context["role"].entry_routes.all()
        return [
            context["role"],
            *routes,
            *(requirement for route in routes for requirement in route.requirements.all()),
            *context["role"].school_facts.all(),
        ]


class EntryRouteDetailView(JourneyPageMixin, DetailView):
    """Step 3, one route in full."""

    context_object_name = "route"
    journey_url_name = "pathways:entry_route_list"

    def get_object(self, queryset=None):
        return for_version(
            self.page_key("object"),
            lambda: get_object_or_404(
                entry_routes_for_detail_page(self.kwargs["role_slug"]),
                slug=self.kwargs["slug"],
            ),
        )

    def get_context_data(self, **kwargs):
        route = self.object
        requirements = route.requirements.all()
        return super().get_context_data(
            role=route.page_role,
            route_glossary=route.glossary_terms,
            essential=[r for r in requirements if r.is_essential],
            usual=[r for r in requirements if not r.is_essential],
            **kwargs,
        )

    def shown_records(self, context):
        route = context["route"]
        return [route, *route.requirements.all(), *route.page_programmes]

    def glossary_terms(self, context):
        return context["route_glossary"]


class QualificationsView(RolePageView):
    """Step 4: what is mandatory, what helps, the approved programmes, cost and the nations."""

    template_name = "pathways/qualifications.html"
    journey_url_name = "pathways:qualifications"

    def get_queryset(self):
        return roles_for_qualifications_page()

    def get_context_data(self, **kwargs):
        qualifications = self.object.qualifications.all()
        return super().get_context_data(
            hcpc_fees=hcpc_fees(self.object),
            hcpc_qualification=HCPC_QUALIFICATION,
            mandatory=[q for q in qualifications if q.is_mandatory],
            helpful=[q for q in qualifications if not q.is_mandatory],
            programmes=for_version(
                self.page_key("programmes"), lambda: list(programmes_for_role(self.object))
            ),
            nations=NATIONS,
            nation_rows=nation_table(self.object.nation_facts.all(), QUALIFICATIONS_NATION_ROWS),
            **kwargs,
        )

    def shown_records(self, context):
        role = context["role"]
        return [
            role,
            *role.qualifications.all(),
            *role.nation_facts.all(),
            *context["programmes"],
            *context["hcpc_fees"],
        ]


# The HCPC's fees are PlanNote records (the plan adds them up); the qualifications page shows
# them from there, in the cost section and in the registration's card, never as typed text.
HCPC_FEES = ("hcpc-application-fee", "hcpc-registration-fee", "hcpc-international-fee")
HCPC_QUALIFICATION = "hcpc-registration"


def hcpc_fees(role):
    """The role's published HCPC fee records, in the order of ``HCPC_FEES``."""
    notes = {note.slug: note for note in role.plan_notes.all() if note.is_published}
    return [notes[slug] for slug in HCPC_FEES if slug in notes]


class ProgressionView(RolePageView):
    """Step 5: where can it lead, the ladder and the specialisms."""

    template_name = "pathways/progression.html"
    journey_url_name = "pathways:progression"

    def get_queryset(self):
        return roles_for_progression_page()

    def get_context_data(self, **kwargs):
        stages = list(self.object.progression_stages.all())
        return super().get_context_data(
            ladder=[stage for stage in stages if not stage.is_optional],
            branches=[stage for stage in stages if stage.is_optional],
            **kwargs,
        )

    def shown_records(self, context):
        role = context["role"]
        stages = role.progression_stages.all()
        pay = [stage.pay for stage in stages if stage.pay]
        return [role, *stages, *pay, *role.specialisms.all()]


class NextStepsView(RolePageView):
    """Step 6: the planner. A GET form, so a plan is a URL an adviser can share."""

    template_name = "pathways/next_steps.html"
    journey_url_name = "pathways:next_steps"
    http_method_names = ["get", "head", "options"]
    cache_params = (*QUESTIONS, *PRACTICE_ALIASES, SUBMITTED)

    @staticmethod
    def canonical_params(query):
        """Only the submit button's presence counts, whatever value a link gives it."""
        if SUBMITTED in query:
            query.setlist(SUBMITTED, ["plan"])
        return query

    def get_queryset(self):
        return roles_for_plan() if self.wants_plan else roles_for_next_steps_page()

    def get_object(self, queryset=None):
        """The role as a plan reads it, or as the blank planner does: kept apart, so a plan
        never gets the blank page's role without its steps, routes and facts."""
        return for_version(
            self.page_key("object", self.wants_plan),
            lambda: DetailView.get_object(self, queryset),
        )

    def get(self, request, *args, **kwargs):
        rules = rules_for(self.kwargs["role_slug"])
        form = PlannerForm(request.GET, rules=rules)
        self.plan = None
        self.wants_plan = form.is_bound and form.is_valid()
        self.object = self.get_object()
        if any(alias in request.GET for alias in PRACTICE_ALIASES):
            return self.redirect_to_practice(rules)
        form.name_the_role(self.object.title)
        if self.wants_plan:
            # No course on record (a role still being written): the rules' own nations.
            if nations := for_version(
                self.page_key("course-nations"), lambda: course_nations(self.object, rules)
            ):
                rules = rules.with_courses_in(nations)
            self.plan = plan_for(Answers(**form.answers()), rules)
        context = self.get_context_data(form=form, plan=self.plan, **self.plan_context(form))
        status = 400 if form.is_bound and not form.is_valid() else 200
        return self.render_to_response(context, status=status)

    def redirect_to_practice(self, rules):
        """An older name of the practice question (the music therapist's ``music``) keeps
        its meaning: a permanent redirect to the same answers under ``practice``, the
        canonical name. Another role's link drops it, as its form never asked it."""
        query = self.request.GET.copy()
        for alias in PRACTICE_ALIASES:
            values = query.pop(alias, [])
            if alias == rules.practice_alias:
                given = [*query.getlist("practice"), *values]
                query.setlist("practice", list(dict.fromkeys(given)))
        canonical = canonical_query(query, self.cache_params).urlencode()
        return HttpResponsePermanentRedirect(
            self.request.path + (f"?{canonical}" if canonical else "")
        )

    def plan_context(self, form):
        plan = self.plan
        if plan is None:
            return {}
        # The plan's address as the contract has it: its answers only, in order. The page is
        # kept for every set of answers with the same shape (below), so it is rendered with
        # SOME_QUERY in its address and base.html puts this query in.
        query = canonical_query(self.request.GET, self.cache_params).urlencode()
        plan_url = self.request.build_absolute_uri(self.request.path) + SOME_QUERY
        answers = form.answers()
        # What a role's plan shows follows from its steps, routes and notes, the study mode
        # and the nation: worked out once per content version and day for every set of
        # answers that shares them.
        mode, nation_answer, today = (
            answers.get("mode"),
            answers.get("nation"),
            timezone.localdate(),
        )
        given = Answers(**answers)
        said = (tuple(answer_notes(given)), tuple(questions_to_check(given)))
        shape = (tuple(plan.steps), tuple(plan.routes), tuple(plan.notes), plan.is_qualified)
        in_degree = given.stage == "undergraduate"  # the timeline starts after their degree
        key = self.page_key("plan", *shape, *said, mode, nation_answer, in_degree, today)
        context = dict(
            for_version(
                self.page_key("plan-data", *shape, mode, nation_answer, in_degree, today),
                lambda: self.plan_data(plan, mode, nation_answer, today, in_degree),
            )
        )
        context.update(self.said_data(context, *said))
        context.update(
            # The page as a whole is kept per shape; what the visitor said, what they left
            # blank and the form with their answers are holes in it ({% hole %}).
            page_fragment_key=key,
            document_query=f"?{query}",
            heard=form.heard(),
            assumed=form.assumed(),
            unanswered=[form[name] for name in plan.unanswered],
            share_url=plan_url,
            share_title=f"Your plan: {self.object.title} – {settings.SITE_NAME}",
            collapse_sources=True,
        )
        return context

    def plan_data(self, plan, mode, nation_answer, today, in_degree=False):
        role = self.object
        steps_by_slug = {step.slug: step for step in role.plan_steps.all()}
        missing = [slug for slug in plan.steps if slug not in steps_by_slug]
        if missing:
            logger.warning("Plan steps missing from the database: %s", ", ".join(missing))
        steps = [steps_by_slug[slug] for slug in plan.steps if slug in steps_by_slug]
        routes_by_slug = {route.slug: route for route in role.entry_routes.all()}
        routes = [routes_by_slug[slug] for slug in plan.routes if slug in routes_by_slug]
        notes = {note.slug: note for note in role.plan_notes.all()}
        nation = NATION_FACT_KEY.get(nation_answer)
        facts = nation_facts(role.nation_facts.all(), nation)
        is_abroad = nation_answer == "outside_uk"
        courses = courses_for(role, routes, mode, nation, today, is_abroad)
        counted = counted_courses(courses)
        none_here_in_mode = no_course_here_in_mode(courses, nation)
        timeline = None
        if not plan.is_qualified:
            on_route = [c for c in counted if routes and c.route == routes[0].slug]
            timeline = lay_out(
                [(number, step.slug, step.title) for number, step in enumerate(steps, 1)],
                {step.slug: step.months for step in steps},
                today,
                intakes=[
                    intake_of(course.programme) for course in on_route if course.is_recruiting
                ],
                training_months=counted_months(on_route, routes[0], mode) if routes else None,
                in_degree=in_degree,
            )
        money = None
        support_follows = True
        counts_elsewhere = any(not course.is_in_nation for course in counted)
        if routes and not plan.is_qualified:
            fitting = [course for course in courses if course.fits_mode]
            support_follows = not (nation in SUPPORT_MAY_NOT_FOLLOW and counts_elsewhere)
            money = breakdown(
                route=routes[0],
                courses=fitting,
                is_abroad=is_abroad,
                checks=facts["checks"] if nation else [],
                finance=facts["finance"] if nation else None,
                notes=notes,
                support_follows=support_follows,
            )
        where_notes = []
        if none_here_in_mode:
            where_notes.append(NOTE_NO_COURSE_IN_MODE)
        if money and not support_follows:
            where_notes.append(NOTE_SUPPORT_MAY_NOT_FOLLOW)
        elif money and nation and counts_elsewhere:
            where_notes.append(NOTE_SUPPORT_FOLLOWS)
        plan_notes = [notes[slug] for slug in plan.notes if slug in notes]
        timeline_note = notes.get("timeline-range")
        degree_end_note = notes.get(NOTE_DEGREE_END) if timeline and in_degree else None
        nation_name = dict(PlannerForm.base_fields["nation"].choices).get(nation_answer)
        return {
            "steps": steps,
            "routes": routes,
            # Each route with the notes shown on its card (routes are shared: never changed).
            "route_cards": [
                (route, [note for note in plan_notes if note.slug in CAVEATS.get(route.slug, ())])
                for route in routes
            ],
            "route_notes": plan_notes,
            "route_records": [
                *routes,
                *(note for note in plan_notes if note.slug in ON_ROUTE_CARDS),
            ],
            "other_notes": [note for note in plan_notes if note.slug not in ON_ROUTE_CARDS],
            "compare_note": NOTE_COMPARE,
            "courses": courses,
            "courses_here": [course for course in courses if course.is_in_nation],
            "courses_elsewhere": [course for course in courses if not course.is_in_nation],
            "courses_here_caption": f"Courses in {nation_name}",
            "courses_elsewhere_caption": "Courses elsewhere in the UK"
            if any(course.is_in_nation for course in courses)
            else "Courses in the UK",
            "mode": mode,
            "nation_answer": nation_answer,
            "show_every_nation": not nation,
            "nation_key": nation,
            "today": today,
            "facts": facts,
            "nation_known": bool(nation),
            "money": money,
            "international_fee": notes.get("hcpc-international-fee") if is_abroad else None,
            "timeline": timeline,
            "timeline_note": timeline_note,
            "degree_end_note": degree_end_note,
            "in_degree": in_degree,
            "step_records": [
                *steps,
                *plan_notes,
                *filter(None, [timeline_note, degree_end_note]),
            ],
            "notes_by_slug": notes,
            "counted_courses": counted,
            "course_and_fact_records": [
                *(course.programme for course in courses),
                *(course.fee for course in courses if course.fee),
                *facts["courses"],
            ],
            "summary_courses": summary_courses(courses, counted, none_here_in_mode),
            "none_here_in_mode": none_here_in_mode,
            "where_notes": [notes[slug] for slug in where_notes if slug in notes],
            "mode_label": dict(PlannerForm.base_fields["mode"].choices).get(mode, ""),
            "nation_name": nation_name,
            "start_age_note": start_age_fact(role) if timeline else None,
        }

    @staticmethod
    def said_data(context, said, to_check):
        """What a plan shows for what its visitor said: the notes their answers call for
        (shown with the steps, whose sources list theirs too) and the answers to check."""
        notes = context["notes_by_slug"]
        answer_notes = [notes[slug] for slug in said if slug in notes]
        return {
            "answer_notes": answer_notes,
            "answers_to_check": [notes[slug] for slug in to_check if slug in notes],
            "step_records": [*context["step_records"], *answer_notes],
        }

    def shown_records(self, context):
        # A plan shows the role's title only; the page without one, its introduction.
        return [
            *([] if context.get("plan") else [context["role"]]),
            *context.get("steps", []),
            *context.get("routes", []),
            *context.get("route_notes", []),
            *(course.programme for course in context.get("courses", [])),
            *(course.fee for course in context.get("courses", []) if course.fee),
            *shown_facts(context),
            *(record for line in money_lines(context.get("money")) for record in line.records),
            *filter(
                None,
                [
                    context.get("international_fee"),
                    context.get("timeline_note"),
                    context.get("degree_end_note"),
                    context.get("start_age_note"),
                ],
            ),
            *context.get("where_notes", []),
            *context.get("answer_notes", []),
            *context.get("answers_to_check", []),
            *filter(None, [getattr(context.get("money"), "estimate", None)]),
        ]


def course_nations(role, rules):
    """The nations (``Nation`` values) of the role's published courses on its postgraduate
    route, read with the role for a plan."""
    return {
        programme.nation
        for route in role.entry_routes.all()
        if route.slug == rules.postgraduate
        for programme in route.programmes_for(role)
    }


def shown_facts(context):
    """The nation facts a plan shows in its own sections (the money breakdown's are its
    lines' records): the courses', and the checks before qualifying or jobs, pay and hours
    after."""
    plan, facts = context.get("plan"), context.get("facts", {})
    if not plan:
        return []
    topics = ["courses"] if context.get("courses") else []
    topics += ["jobs", "pay", "hours"] if plan.is_qualified else ["checks"]
    return [fact for topic in topics for fact in facts.get(topic, [])]


def start_age_fact(role):
    """When people start training, shown with every timeline: the school section's UK-wide
    fact, kept in that one record."""
    return next(
        (fact for fact in role.school_facts.all() if fact.topic == SchoolFact.Topic.TIMING),
        None,
    )


# The notes shown on a route's card rather than on their own.
CAVEATS = {
    APPRENTICESHIP: (NOTE_FUNDED_UNDER_22, NOTE_EMPLOYER_PAYS, NOTE_ENGLAND_ONLY),
}


ON_ROUTE_CARDS = {slug for slugs in CAVEATS.values() for slug in slugs}


def money_lines(money):
    return [*money.costs, *money.support] if money else []


FACT_TOPICS = {
    "checks": NationFact.Topic.CHECKS,
    "finance": NationFact.Topic.FINANCE,
    "jobs": NationFact.Topic.JOBS,
    "pay": NationFact.Topic.PAY,
    "hours": NationFact.Topic.HOURS,
    "courses": NationFact.Topic.COURSES,
    "careers_service": NationFact.Topic.CAREERS_SERVICE,
}


def nation_facts(facts, nation):
    """The per-nation facts by topic: the visitor's nation's, or every nation's (labelled)
    when we do not know where they live."""
    by_topic = {name: [] for name in FACT_TOPICS}
    topic_names = {topic: name for name, topic in FACT_TOPICS.items()}
    for fact in facts:
        if nation is None or fact.nation == nation:
            by_topic[topic_names[fact.topic]].append(fact)
    return by_topic


class CourseForYou:
    """A programme as the plan shows it: length in the visitor's mode, next closing date."""

    def __init__(self, programme, route, mode, nation, today, is_abroad=False):
        self.programme = programme
        self.route = route
        self.is_in_nation = nation is not None and programme.nation == nation
        self.is_first = self.is_in_nation or nation is None
        self.mode = mode
        months = {
            "full_time": programme.months_full_time,
            "part_time": programme.months_part_time,
        }
        self.months = months.get(mode)
        known = [m for m in months.values() if m]
        # A course fits the mode unless it gives lengths and none is for this mode.
        self.fits_mode = mode is None or self.months is not None or not known
        self.closing_date = programme.next_closing_date(today)
        # A course that says it is not recruiting offers no intake to plan for (when every
        # course fits that, the timeline falls back to the usual September).
        self.is_recruiting = programme.recruitment != programme.Recruitment.NOT_RECRUITING
        self.fee = fee_for(programme, mode, is_abroad)
        self.fee_total = self.fee.course_total if self.fee else None

    @property
    def fee_summary(self):
        fee = self.fee
        return (
            f"{self.programme.provider}: £{fee.amount:,.2f}".replace(".00", "")
            + f" {fee.basis_label}, {fee.get_mode_display().lower()}"
            + (f", {fee.course_credits} credits" if fee.basis == fee.Basis.PER_CREDITS else "")
        )


def fee_for(programme, mode, is_abroad):
    """The programme's published fee for the visitor: home or international, in their mode
    (full time where they did not say, else whichever mode it publishes)."""
    status = "international" if is_abroad else "home"
    fees = [fee for fee in programme.fees.all() if fee.status == status and fee.amount is not None]
    wanted = mode or "full_time"
    for fee in fees:
        if fee.mode == wanted:
            return fee
    return fees[0] if fees and mode is None else None


# The nations by nearness to each, for ordering courses "nearest first": the visitor's own,
# then those sharing a land border with it, then the rest by the shortest usual journey
# (from Northern Ireland, Scotland is a short crossing away, then England, then Wales).
# Within a nation courses keep the provider's alphabetical order: we hold no distances.
NEAREST = {
    "england": ["england", "wales", "scotland", "northern-ireland"],
    "wales": ["wales", "england", "scotland", "northern-ireland"],
    "scotland": ["scotland", "england", "wales", "northern-ireland"],
    "northern-ireland": ["northern-ireland", "scotland", "england", "wales"],
}


def nearness(nation, course_nation):
    """How far down ``nation``'s list of nearest nations ``course_nation`` comes (0 for
    itself); every nation counts the same where the visitor's is not known."""
    order = NEAREST.get(nation)
    return order.index(course_nation) if order and course_nation in order else 0


def courses_for(role, routes, mode, nation, today, is_abroad=False):
    """``role``'s courses on the plan's routes, nearest first: the visitor's nation's, then
    the nearest nations' (``NEAREST``)."""
    seen, courses = set(), []
    for route in routes:
        for programme in route.programmes_for(role):
            if programme.pk not in seen:
                seen.add(programme.pk)
                courses.append(CourseForYou(programme, route.slug, mode, nation, today, is_abroad))
    courses.sort(
        key=lambda course: (nearness(nation, course.programme.nation), course.programme.provider)
    )
    if nation is not None and not any(course.is_in_nation for course in courses):
        for course in courses:  # none where they live: any course could be theirs
            course.is_first = True
    return courses


# Where the visitor's nation's student finance may not fund a course in another nation.
SUPPORT_MAY_NOT_FOLLOW = {"scotland"}
NOTE_NO_COURSE_IN_MODE = "no-course-in-your-mode"
NOTE_DEGREE_END = "timeline-degree-end"  # an undergraduate's timeline: when we took it to end
NOTE_SUPPORT_MAY_NOT_FOLLOW = "saas-may-not-follow"
NOTE_SUPPORT_FOLLOWS = "support-follows-you"
SUMMARY_COURSES = 3


def counted_courses(courses):
    """The courses a plan counts on: those that run in the visitor's mode where they live, or,
    where none there does, those that do elsewhere (nearest first, as ``courses_for`` sorts)."""
    fitting = [course for course in courses if course.fits_mode]
    return [course for course in fitting if course.is_first] or fitting


def no_course_here_in_mode(courses, nation):
    """The visitor's nation has courses, but none runs in the mode they chose."""
    here = [course for course in courses if course.is_in_nation]
    return bool(nation and here) and not any(course.fits_mode for course in here)


def summary_courses(courses, counted, none_here_in_mode):
    """The courses the summary names, at most a few, nearest first: where no course in the
    visitor's nation runs in their mode, those that do elsewhere; otherwise their nation's
    (or, where it has none, every nation's). Those that say they run in the visitor's mode
    come before those that do not say, and those before those that do not run in it."""
    chosen = counted if none_here_in_mode else [c for c in courses if c.is_first]
    return sorted(chosen, key=mode_certainty)[:SUMMARY_COURSES]


def mode_certainty(course):
    """0: runs in the visitor's mode (or no mode was given); 1: does not say; 2: does not."""
    if not course.fits_mode:
        return 2
    return 1 if course.mode and course.months is None else 0


def counted_months(courses, route, mode):
    """How long training takes: the shortest of the counted courses in the visitor's mode,
    or the route's length where no course gives one."""
    months = [course.months for course in courses if course.months]
    return min(months) if months else training_months(route, mode)


def intake_of(programme):
    return Intake(
        month=programme.intake_month,
        next_start=programme.next_intake,
        closing=programme.closing_date,
    )


def training_months(route, mode):
    """How long training takes on this route in the visitor's preferred mode."""
    if mode == "part_time" and route.months_part_time:
        return route.months_part_time
    return route.months_full_time or route.months_part_time or 0


class CompareView(TemplateView):
    """Two or three roles side by side. One address per set of roles: the roles in
    alphabetical order of their slugs; any other order redirects there. With fewer than two
    roles, the page is the picker."""

    template_name = "pathways/compare.html"
    http_method_names = ["get", "head", "options"]
    cache_params = ("roles",)

    def get(self, request, *args, **kwargs):
        choices = for_version(("compare", "choices"), published_roles)
        asked = request.GET.getlist("roles")
        query = QueryDict(mutable=True)
        query.setlist("roles", [slug for slug in asked if slug])
        form = CompareForm(query if asked else None, roles=choices)
        chosen = form.cleaned_data["roles"] if form.is_bound and form.is_valid() else []
        if len(chosen) >= MIN_ROLES and asked != canonical_order(chosen):
            return redirect(compare_url(chosen), permanent=True)
        context = self.get_context_data(form=form, choices=choices, chosen=chosen)
        context["canonical_url"] = request.build_absolute_uri(request.get_full_path())
        if len(chosen) >= MIN_ROLES:
            context.update(for_version(("compare", *chosen), lambda: comparison(chosen)))
        if form.is_bound and not form.is_valid():
            status = 404 if form.is_unknown_role else 400
        else:
            status = 200
        return self.render_to_response(context, status=status)
