from django.conf import settings


def site(request):
    """The site's name, for the base layout."""
    return {"site_name": settings.SITE_NAME}
