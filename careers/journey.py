"""The six-step journey through a role's pages, shared by the careers and pathways views.

Steps name their URLs as strings, so careers needs no import from pathways.
"""

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse

from careers.citations import cite


@dataclass(frozen=True)
class Step:
    url_name: str
    title: str

    def url(self, role):
        return reverse(self.url_name, kwargs={"role_slug": role.slug})


JOURNEY = [
    Step("careers:role_detail", "What is this job"),
    Step("careers:skills", "Is it for me"),
    Step("pathways:entry_route_list", "How do I get in"),
    Step("pathways:qualifications", "Qualifications and registration"),
    Step("pathways:progression", "Where can it lead"),
    Step("pathways:next_steps", "What do I do next"),
]


def journey_context(role, url_name):
    """Where a page sits in the journey: its number, the steps around it, and their links."""
    index = next(i for i, step in enumerate(JOURNEY) if step.url_name == url_name)
    steps = [
        {"number": i + 1, "title": step.title, "url": step.url(role), "is_current": i == index}
        for i, step in enumerate(JOURNEY)
    ]
    return {
        "number": index + 1,
        "total": len(JOURNEY),
        "title": JOURNEY[index].title,
        "steps": steps,
        "previous": steps[index - 1] if index > 0 else None,
        "next": steps[index + 1] if index + 1 < len(steps) else None,
    }


class JourneyPageMixin:
    """Context every journey page shares: step, neighbours, canonical URL, last reviewed and
    the sources behind the page.

    The view sets ``journey_url_name``, puts ``role`` in the context and lists what it shows
    in ``shown_records()``; the page shows the oldest review date among them and every
    source they cite, read in one query (see ``careers.citations.cite``).
    """

    journey_url_name = None

    def shown_records(self, context):
        return [context["role"]]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        role = context["role"]
        shown = list(self.shown_records(context))
        context["journey"] = journey_context(role, self.journey_url_name)
        context["canonical_url"] = self.request.build_absolute_uri(self.request.path)
        context.setdefault("share_url", context["canonical_url"])
        context["share_title"] = (
            f"{context['journey']['title']}: {role.title} – {settings.SITE_NAME}"
        )
        context["last_reviewed"] = min((r.last_reviewed for r in shown), default=None)
        context["page_sources"] = cite(shown)
        return context
