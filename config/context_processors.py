from django.conf import settings


def site(request):
    """The site's name and featured role, for the base layout."""
    return {"site_name": settings.SITE_NAME, "featured_role_slug": settings.FEATURED_ROLE_SLUG}
