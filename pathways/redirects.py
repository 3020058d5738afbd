"""Old links keep working: when an editor changes a published page's slug, its old address
answers with a permanent redirect to the new one (the URL contract in DESIGN.md).

The old slugs come from the records' history (django-simple-history), so nothing extra is
stored and every slug a page ever had keeps redirecting.
"""

from django.http import HttpResponsePermanentRedirect
from django.urls import Resolver404, resolve, reverse

from careers.models import Role
from pathways.models import EntryRoute


def current_slug(model, old_slug, **filters):
    """The present slug of the published record that once had ``old_slug``, if any."""
    past = (
        model.history.filter(slug=old_slug, **filters)
        .order_by("-history_date")
        .values_list("id", flat=True)
        .first()
    )
    if past is None:
        return None
    return model.objects.published().filter(pk=past).values_list("slug", flat=True).first()


def moved_location(path):
    """Where a journey page whose role or route slug has changed lives now, or None."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    kwargs = dict(match.kwargs)
    if "role_slug" not in kwargs:
        return None
    role = Role.objects.published().filter(slug=kwargs["role_slug"]).first()
    if role is None:
        new_role_slug = current_slug(Role, kwargs["role_slug"])
        if new_role_slug is None:
            return None
        kwargs["role_slug"] = new_role_slug
        role = Role.objects.get(slug=new_role_slug)
    if match.view_name == "pathways:entry_route_detail":
        routes = EntryRoute.objects.published().filter(role=role)
        if not routes.filter(slug=kwargs["slug"]).exists():
            new_route_slug = current_slug(EntryRoute, kwargs["slug"], role_id=role.pk)
            if new_route_slug is None:
                return None
            kwargs["slug"] = new_route_slug
    location = reverse(match.view_name, kwargs=kwargs)
    return None if location == path else location


class MovedPageRedirectMiddleware:
    """Turn a 404 for a page whose slug has changed into a 301 to its new address."""

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
