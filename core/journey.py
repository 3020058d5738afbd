"""The journey through a role's pages, shared by the careers and pathways views.

Each app adds its own steps from its ``AppConfig.ready`` (careers steps 1 and 2, pathways
steps 3 to 6), so this module names no app's pages and careers needs nothing from pathways.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from core.citations import cite
from core.glossary import Glossary, by_spelling
from core.page_html import SOME_ORIGIN, put_in
from core.versions import for_version


@dataclass(frozen=True)
class Step:
    url_name: str
    title: str

    def url(self, role):
        return reverse(self.url_name, kwargs={"role_slug": role.slug})


# The steps in order, as the apps added them (see ``add_steps``).
JOURNEY = []
_numbered = {}


def add_steps(first, *steps):
    """Put an app's pages in the journey as steps ``first``, ``first + 1``, …; call from the
    app's ``AppConfig.ready``."""
    for number, step in enumerate(steps, start=first):
        if _numbered.setdefault(number, step) != step:
            raise ImproperlyConfigured(f"Journey step {number} is already {_numbered[number]}.")
    JOURNEY[:] = [step for _, step in sorted(_numbered.items())]


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
        "last": steps[-1],  # where the journey ends: a visitor's next steps
    }


class JourneyPageMixin:
    """Context every journey page shares: step, neighbours, canonical URL, last reviewed and
    the sources behind the page.

    The view sets ``journey_url_name``, puts ``role`` in the context and lists what it shows
    in ``shown_records()``; the page shows the latest review date among them (as 'page
    content last updated': a date an editor gave, not a check against the sources) and every
    source they cite (see ``core.citations.cite``). When the page's query annotated
    ``glossary_terms`` (``with_glossary``), ``glossary`` explains the first use of each term
    on the page (it remembers what it explained, so it is made afresh for each render).

    The page's record (``get_object``) and what is worked out from it are built once per
    content version (``core.versions.for_version``), keyed on the view and the path
    (``page_key``), and shared read-only by every request after. Without
    parameters, the page's body is rendered once per content version too (``{% fragment %}``
    in journey.html, keyed on ``page_fragment_key``).
    """

    journey_url_name = None

    def page_key(self, *parts):
        """A key for what the page's path decides, the same whatever its parameters."""
        return (type(self).__name__, self.request.path, *parts)

    def get_object(self, queryset=None):
        """The page's record, the same whatever the parameters."""
        build = super().get_object
        return for_version(self.page_key("object"), lambda: build(queryset))

    def shown_records(self, context):
        return [context["role"]]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(for_version(self.page_key("journey"), lambda: self.journey_data(context)))

        # What a page shows may depend on its parameters: once per content version for the
        # page's own key (its path, or a plan's shape: ``page_fragment_key``), or found
        # afresh (no query) when it has none.
        def reviewed_and_cited():
            shown = list(self.shown_records(context))
            return max((r.last_reviewed for r in shown), default=None), cite(shown)

        page = context.get("page_fragment_key", None if self.request.GET else self.request.path)
        context["last_reviewed"], context["page_sources"] = (
            reviewed_and_cited()
            if page is None
            else for_version(self.page_key("shown", page), reviewed_and_cited)
        )
        context["canonical_url"] = self.request.build_absolute_uri(self.request.path)
        context.setdefault("share_url", context["canonical_url"])
        # The body is rendered (and kept) once for every host: see core.page_html.SOME_ORIGIN.
        origin = f"{self.request.scheme}://{self.request.get_host()}"
        context["share_origin"] = origin
        context["share_url_for_body"] = SOME_ORIGIN + context["share_url"].removeprefix(origin)
        context.setdefault(
            "share_title",
            f"{context['journey']['title']}: {context['role'].title} – {settings.SITE_NAME}",
        )
        context["glossary"] = Glossary(context["glossary_spellings"])
        # Without parameters a page's body reads nothing but its path and content. (A view
        # whose page reads its parameters may name a key of its own: a plan, its shape.)
        context["page_fragment_key"] = page
        if page is not None:
            # And so does the whole page, frame included: base.html keeps it as a fragment,
            # rendered for SOME_ORIGIN, and puts this request's scheme and host in (and, for
            # a page kept for other parameters too, its query string: ``document_query``).
            context["document_key"] = page
            context["document_put_in"] = put_in(origin, context.get("document_query"))
            context["share_origin"] = None  # not inside the document: after it
            for name in ("canonical_url", "share_url"):
                context[name] = SOME_ORIGIN + context[name].removeprefix(origin)
        return context

    def journey_data(self, context):
        """What the page's path decides: its step, and the glossary's spellings."""
        return {
            "journey": journey_context(context["role"], self.journey_url_name),
            "glossary_spellings": by_spelling(self.glossary_terms(context)),
        }

    def glossary_terms(self, context):
        return getattr(context["role"], "glossary_terms", None)
