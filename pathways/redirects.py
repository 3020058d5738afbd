"""Old links keep working: when an editor changes a published page's slug, its old address
answers with a permanent redirect to the new one (the URL contract in DESIGN.md).

The old slugs come from the records' history (django-simple-history), so nothing extra is
stored and every slug a page ever had keeps redirecting.
"""

from django.http import HttpResponsePermanentRedirect
from django.urls import Resolver404, resolve, reverse

from careers.models import Role
from core.versions import for_version
from pathways.models import EntryRoute


class KnownSlugs:
    """Every published role and entry route by slug, and where each slug they ever had
    leads now: read once per content version, so a 404 costs no query."""

    def __init__(self):
        role_slugs = dict(Role.objects.published().values_list("pk", "slug"))
        self.roles = {slug: pk for pk, slug in role_slugs.items()}
        # A route that several roles share has a page under each: (role, route slug) pairs.
        shared = EntryRoute.roles.through.objects.filter(
            entryroute__is_published=True, role_id__in=role_slugs
        )
        pairs = shared.values_list("entryroute_id", "role_id")
        route_roles = {}
        for route_id, role_id in pairs:
            route_roles.setdefault(route_id, []).append(role_id)
        route_slugs = dict(EntryRoute.objects.filter(pk__in=route_roles).values_list("pk", "slug"))
        self.routes = {
            (role_id, route_slugs[pk]) for pk, roles in route_roles.items() for role_id in roles
        }
        self.old_roles = {}
        for old, pk in Role.history.order_by("history_date").values_list("slug", "id"):
            if pk in role_slugs and old not in self.roles:
                self.old_roles[old] = role_slugs[pk]
        self.old_routes = {}
        for old, pk in EntryRoute.history.order_by("history_date").values_list("slug", "id"):
            for role_id in route_roles.get(pk, ()):
                if (role_id, old) not in self.routes:
                    self.old_routes[(role_id, old)] = route_slugs[pk]


def known_slugs():
    return for_version("known-slugs", KnownSlugs)


def page_status(path):
    """For a role's page: ("ok", None), ("moved", new path) or ("missing", None); for any
    other path that resolves ("ok", None); ("missing", None) when it does not resolve."""
    try:
        match = resolve(path)
    except Resolver404:
        return "missing", None
    kwargs = dict(match.kwargs)
    if "role_slug" not in kwargs:
        return "ok", None
    known = known_slugs()
    moved = False
    role_id = known.roles.get(kwargs["role_slug"])
    if role_id is None:
        new_slug = known.old_roles.get(kwargs["role_slug"])
        if new_slug is None:
            return "missing", None
        kwargs["role_slug"], role_id, moved = new_slug, known.roles[new_slug], True
    if match.view_name == "pathways:entry_route_detail" and (
        (role_id, kwargs["slug"]) not in known.routes
    ):
        new_slug = known.old_routes.get((role_id, kwargs["slug"]))
        if new_slug is None:
            return "missing", None
        kwargs["slug"], moved = new_slug, True
    if not moved:
        return "ok", None
    return "moved", reverse(match.view_name, kwargs=kwargs)


def moved_location(path):
    """Where a journey page whose role or route slug has changed lives now, or None."""
    status, location = page_status(path)
    return location if status == "moved" else None


def page_exists(path):
    return page_status(path)[0] == "ok"


class MovedPageRedirectMiddleware:
    """Turn a 404 for a page whose slug has changed into a 301 to its new address (no query
    per request: ``KnownSlugs``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        location = moved_location(request.path_info)
        if location is None:
            return response
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(location + (f"?{query}" if query else ""))
