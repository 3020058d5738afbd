from itertools import groupby

from django.http import QueryDict
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.generic import DetailView, ListView, TemplateView

from careers.forms import SelfCheckForm
from careers.models import NationFact, Role, Skill, role_page_lists
from careers.nations import NATIONS, nation_table
from core.citations import cite
from core.content import Nation
from core.journey import JourneyPageMixin
from core.models import Snippet
from core.versions import for_version
from core.views import CONTACT_SNIPPETS, snippet_page

# The role page's comparison across nations: what a job is like where you work.
ROLE_PAGE_NATION_ROWS = [
    (NationFact.Topic.HOURS, "Full-time hours"),
    (NationFact.Topic.PAY, "Pay scales"),
    (NationFact.Topic.JOBS, "Where jobs are advertised"),
]


def pay_year_label(pay):
    """The pay year ("2025/26 pay year"), and once it is over, that a newer one applies, in
    the words includes/year.html uses on the page."""
    if pay.is_out_of_date:
        return f"{pay.pay_year} figures; a newer pay year now applies"
    return f"{pay.pay_year} pay year"


def occupation_data(role, lists):
    """schema.org Occupation, so search engines can show the job's facts (the page adds its
    address)."""

    def names(kind, field="name"):
        return [getattr(record, field) for record in lists.get(kind, [])]

    data = {
        "@context": "https://schema.org",
        "@type": "Occupation",
        "name": role.title,
        "description": role.summary,
        "occupationalCategory": role.occupational_category,
        "occupationLocation": {"@type": "Country", "name": "United Kingdom"},
        "qualifications": "; ".join(names("qualifications")),
        "skills": "; ".join(names("skills")),
        "responsibilities": names("tasks", "text"),
        # Only figures from a named pay scale, each with its pay year: an estimate with no
        # scale (such as one based on an old pay year) stays on the page, where it is labelled.
        "estimatedSalary": [
            {
                "@type": "MonetaryAmount",
                "name": f"{pay.label}, {pay.scale} ({pay_year_label(pay)})",
                "currency": "GBP",
                "minValue": pay.minimum,
                "maxValue": pay.maximum,
                "unitText": "YEAR",
            }
            for pay in role.pay_figures.all()
            if pay.scale
        ],
        "educationRequirements": [
            f"{route.name}: {route.funding_note}" if route.funding_note else route.name
            for route in lists.get("entry_routes", [])
        ],
    }
    if role.alternative_titles:
        data["alternateName"] = [name.strip() for name in role.alternative_titles.split(",")]
    return data


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        featured_role, snippets = for_version("home", self.home_data)
        return super().get_context_data(
            featured_role=featured_role,
            snippets=snippets,
            canonical_url=self.request.build_absolute_uri("/"),
            **kwargs,
        )

    @staticmethod
    def home_data():
        return (
            Role.objects.published().filter(is_featured=True).first(),
            Snippet.objects.for_page("home-intro", "home-planner"),
        )


ABOUT_SNIPPETS = [
    "about-site",
    *CONTACT_SNIPPETS,
    "about-editorial",
    "about-corrections",
    "about-limits",
    "about-careers-advice",
]


class AboutView(TemplateView):
    """Who runs the site and its editorial promise, and where to get a person's advice: each
    nation's careers service, the same facts the role pages show."""

    template_name = "about.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**for_version("about", self.about_data), **kwargs)

    @staticmethod
    def about_data():
        page = snippet_page(*ABOUT_SNIPPETS)
        services = careers_services()
        page["careers_services"] = services
        page["page_sources"] = cite([*page["snippets"].values(), *services])
        return page


def careers_services():
    """One careers service per nation, in the usual order of the nations: the facts that
    published roles share (the first by position where there are more)."""
    facts = (
        NationFact.objects.published()
        .filter(topic=NationFact.Topic.CAREERS_SERVICE, roles__is_published=True)
        .distinct()
        .select_related("organisation")
        .order_by("position", "pk")
    )
    by_nation = {}
    for fact in facts:
        by_nation.setdefault(fact.nation, fact)
    return [by_nation[nation] for nation in Nation.values if nation in by_nation]


class RoleListView(ListView):
    queryset = Role.objects.published()


class RoleDetailView(JourneyPageMixin, DetailView):
    """Step 1: what is this job."""

    queryset = Role.objects.published().for_role_page()
    slug_url_kwarg = "role_slug"
    context_object_name = "role"
    journey_url_name = "careers:role_detail"

    def get_context_data(self, **kwargs):
        # Pay figures say when their pay year has passed: the data is kept for the day too.
        lists, nation_rows, occupation = for_version(
            self.page_key("data", timezone.localdate()), self.role_page_data
        )
        context = super().get_context_data(
            lists=lists, nations=NATIONS, nation_rows=nation_rows, **kwargs
        )
        context["occupation"] = {**occupation, "url": context["canonical_url"]}
        return context

    def role_page_data(self):
        role = self.object
        lists = {
            name: getattr(role, f"listed_{name}") if relation else list(records(role))
            for name, (relation, records) in role_page_lists().items()
        }
        nation_rows = nation_table(role.nation_facts.all(), ROLE_PAGE_NATION_ROWS)
        return lists, nation_rows, occupation_data(role, lists)

    def shown_records(self, context):
        role = context["role"]
        listed = [row for kind, rows in context["lists"].items() for row in rows]
        return [role, *role.pay_figures.all(), *role.nation_facts.all(), *listed]


class SkillsView(JourneyPageMixin, TemplateView):
    """Step 2: is it for me, with an optional self-check."""

    template_name = "careers/skills.html"
    journey_url_name = "careers:skills"
    cache_params = ("have",)

    @staticmethod
    def canonical_params(query):
        """The skills ticked, each once, in one order: empty values count for nothing."""
        if "have" in query:
            query.setlist(
                "have", sorted({value for value in query.getlist("have") if value}) or [""]
            )
        return query

    def get(self, request, *args, **kwargs):
        role, skills, snippets = for_version(self.page_key("data"), self.skills_data)
        # Hand-edited links may carry empty values; tracking tags are ignored.
        ticked = [value for value in request.GET.getlist("have") if value]
        form = SelfCheckForm({"have": ticked} if "have" in request.GET else None, skills=skills)
        is_checked = form.is_bound and form.is_valid()
        planner_query = QueryDict(mutable=True)
        if is_checked:
            planner_query["music"] = form.musical_level()
        context = self.get_context_data(
            role=role,
            skill_groups=[
                (Skill.Kind(kind).label, list(group))
                for kind, group in groupby(skills, key=lambda skill: skill.kind)
            ],
            snippets=snippets,
            form=form,
            is_checked=is_checked,
            planner_query=planner_query.urlencode(),
        )
        status = 400 if form.is_bound and not form.is_valid() else 200
        return self.render_to_response(context, status=status)

    def skills_data(self):
        role = get_object_or_404(
            Role.objects.published().for_skills_page(), slug=self.kwargs["role_slug"]
        )
        kinds = list(Skill.Kind.values)
        skills = sorted(role.skills.all(), key=lambda skill: kinds.index(skill.kind))
        return role, skills, Snippet.objects.for_page("self-check-intro")

    def shown_records(self, context):
        return [context["role"], *context["role"].skills.all()]
