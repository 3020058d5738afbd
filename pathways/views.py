import logging

from django.shortcuts import get_object_or_404
from django.views.generic import DetailView

from careers.journey import JourneyPageMixin
from pathways.forms import PlannerForm
from pathways.models import (
    entry_routes_for_detail_page,
    programmes_for_role,
    roles_for_entry_routes_page,
    roles_for_next_steps_page,
    roles_for_progression_page,
    roles_for_qualifications_page,
)
from pathways.planner import Answers, plan_for
from pathways.timeline import lay_out

logger = logging.getLogger(__name__)


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

    def shown_records(self, context):
        routes = context["role"].entry_routes.all()
        return [
            context["role"],
            *routes,
            *(requirement for route in routes for requirement in route.requirements.all()),
        ]


class EntryRouteDetailView(JourneyPageMixin, DetailView):
    """Step 3, one route in full."""

    context_object_name = "route"
    journey_url_name = "pathways:entry_route_list"

    def get_object(self, queryset=None):
        return get_object_or_404(
            entry_routes_for_detail_page(),
            role__slug=self.kwargs["role_slug"],
            slug=self.kwargs["slug"],
        )

    def get_context_data(self, **kwargs):
        route = self.object
        requirements = route.requirements.all()
        return super().get_context_data(
            role=route.role,
            essential=[r for r in requirements if r.is_essential],
            usual=[r for r in requirements if not r.is_essential],
            **kwargs,
        )

    def shown_records(self, context):
        route = context["route"]
        return [route, *route.requirements.all(), *route.programmes.all()]


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
            programmes=list(programmes_for_role(self.object)),
            **kwargs,
        )

    def shown_records(self, context):
        role = context["role"]
        return [
            role,
            *role.qualifications.all(),
            *role.nation_notes.all(),
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

    def get_queryset(self):
        return roles_for_next_steps_page()

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        form = PlannerForm(request.GET)
        plan = None
        if form.is_bound and form.is_valid():
            plan = plan_for(Answers(**form.answers()))
        context = self.get_context_data(form=form, plan=plan, **self.plan_context(plan, form))
        status = 400 if form.is_bound and not form.is_valid() else 200
        return self.render_to_response(context, status=status)

    def plan_context(self, plan, form):
        if plan is None:
            return {}
        steps_by_slug = {step.slug: step for step in self.object.plan_steps.all()}
        missing = [slug for slug in plan.steps if slug not in steps_by_slug]
        if missing:
            logger.warning("Plan steps missing from the database: %s", ", ".join(missing))
        steps = [steps_by_slug[slug] for slug in plan.steps if slug in steps_by_slug]
        routes_by_slug = {route.slug: route for route in self.object.entry_routes.all()}
        routes = [routes_by_slug[slug] for slug in plan.routes if slug in routes_by_slug]
        months_of = {step.slug: step.months for step in steps}
        if routes and "complete-training" in months_of:
            months_of["complete-training"] = training_months(routes[0], form.answers())
        timeline = lay_out(
            [(number, step.slug, step.title) for number, step in enumerate(steps, 1)], months_of
        )
        return {
            "steps": steps,
            "routes": routes,
            "timeline": timeline if not plan.is_qualified else None,
            "unanswered": [form[name] for name in plan.unanswered],
            "plan_url": self.request.build_absolute_uri(),
        }

    def shown_records(self, context):
        return [
            context["role"],
            *context.get("steps", []),
            *context.get("routes", []),
        ]


def training_months(route, answers):
    """How long training takes on this route in the visitor's preferred mode."""
    if answers.get("mode") == "part_time" and route.months_part_time:
        return route.months_part_time
    return route.months_full_time or route.months_part_time or 0
