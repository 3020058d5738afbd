import logging

from django.conf import settings
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.generic import DetailView

from careers.models import NationFact
from careers.nations import NATIONS, nation_table
from core.content import Nation
from core.journey import JourneyPageMixin
from core.pagecache import canonical_query
from core.versions import for_version
from pathways.costs import breakdown
from pathways.forms import SUBMITTED, PlannerForm
from pathways.models import (
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
    NOTE_EMPLOYER_PAYS,
    NOTE_ENGLAND_ONLY,
    NOTE_FUNDED_UNDER_22,
    NOTE_MOST_START_AFTER_WORK,
    QUESTIONS,
    Answers,
    answer_notes,
    plan_for,
    questions_to_check,
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
        return [route, *route.requirements.all(), *route.programmes.all()]

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
        ]


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
    cache_params = (*QUESTIONS, SUBMITTED)

    @staticmethod
    def canonical_params(query):
        """Only the submit button's presence counts, whatever value a link gives it."""
        if SUBMITTED in query:
            query.setlist(SUBMITTED, ["plan"])
        return query

    def get_queryset(self):
        return roles_for_plan() if self.plan else roles_for_next_steps_page()

    def get_object(self, queryset=None):
        """The role as a plan reads it, or as the blank planner does: kept apart, so a plan
        never gets the blank page's role without its steps, routes and facts."""
        return for_version(
            self.page_key("object", self.plan is not None),
            lambda: DetailView.get_object(self, queryset),
        )

    def get(self, request, *args, **kwargs):
        form = PlannerForm(request.GET)
        self.plan = None
        if form.is_bound and form.is_valid():
            self.plan = plan_for(Answers(**form.answers()))
        self.object = self.get_object()
        context = self.get_context_data(form=form, plan=self.plan, **self.plan_context(form))
        status = 400 if form.is_bound and not form.is_valid() else 200
        return self.render_to_response(context, status=status)

    def plan_context(self, form):
        plan = self.plan
        if plan is None:
            return {}
        # The plan's address as the contract has it: its answers only, in order.
        query = canonical_query(self.request.GET, self.cache_params).urlencode()
        plan_url = self.request.build_absolute_uri(self.request.path) + f"?{query}"
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
        key = self.page_key("plan", *shape, *said, mode, nation_answer, today)
        context = dict(
            for_version(key, lambda: self.plan_data(plan, mode, nation_answer, today, *said))
        )
        context.update(
            heard=form.heard(),
            assumed=form.assumed(),
            unanswered=[form[name] for name in plan.unanswered],
            plan_url=plan_url,
            share_url=plan_url,
            share_title=f"Your plan: {self.object.title} – {settings.SITE_NAME}",
            collapse_sources=True,
        )
        return context

    def plan_data(self, plan, mode, nation_answer, today, said=(), to_check=()):
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
        courses = courses_for(routes, mode, nation, today, is_abroad)
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
        answer_notes = [notes[slug] for slug in said if slug in notes]
        timeline_note = notes.get("timeline-range")
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
            "step_records": [*steps, *plan_notes, *filter(None, [timeline_note]), *answer_notes],
            "counted_courses": counted,
            "course_and_fact_records": [
                *(course.programme for course in courses),
                *(course.fee for course in courses if course.fee),
                *facts["courses"],
            ],
            "summary_courses": summary_courses(courses, counted, none_here_in_mode),
            "none_here_in_mode": none_here_in_mode,
            "where_notes": [notes[slug] for slug in where_notes if slug in notes],
            "answer_notes": answer_notes,
            "answers_to_check": [notes[slug] for slug in to_check if slug in notes],
            "mode_label": dict(PlannerForm.base_fields["mode"].choices).get(mode, ""),
            "nation_name": nation_name,
            "start_age_note": notes.get(NOTE_MOST_START_AFTER_WORK) if timeline else None,
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
                    context.get("start_age_note"),
                ],
            ),
            *context.get("where_notes", []),
            *context.get("answer_notes", []),
            *context.get("answers_to_check", []),
            *filter(None, [getattr(context.get("money"), "estimate", None)]),
        ]


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


def courses_for(routes, mode, nation, today, is_abroad=False):
    """The courses on the plan's routes: the visitor's nation's first, then the rest."""
    seen, courses = set(), []
    for route in routes:
        for programme in route.programmes.all():
            if programme.pk not in seen:
                seen.add(programme.pk)
                courses.append(CourseForYou(programme, route.slug, mode, nation, today, is_abroad))
    courses.sort(key=lambda course: (not course.is_in_nation, course.programme.provider))
    if nation is not None and not any(course.is_in_nation for course in courses):
        for course in courses:  # none where they live: any course could be theirs
            course.is_first = True
    return courses


# Where the visitor's nation's student finance may not fund a course in another nation.
SUPPORT_MAY_NOT_FOLLOW = {"scotland"}
NOTE_NO_COURSE_IN_MODE = "no-course-in-your-mode"
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
    """The courses the summary names, at most a few: where no course in the visitor's nation
    runs in their mode, those that do elsewhere; otherwise their nation's (or, where it has
    none, every nation's), those that run in their mode first."""
    if none_here_in_mode:
        return counted[:SUMMARY_COURSES]
    first = [course for course in courses if course.is_first]
    return sorted(first, key=lambda course: not course.fits_mode)[:SUMMARY_COURSES]


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
