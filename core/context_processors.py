from django.conf import settings


def site(request):
    """The site's name, and who runs it and how to reach them (the operator's settings; empty
    when not set), for the base layout and the pages that name them."""
    return {
        "site_name": settings.SITE_NAME,
        "site_operator": settings.SITE_OPERATOR,
        "contact_email": settings.CONTACT_EMAIL,
        # A page that reads nothing but its path and content names itself here to be kept
        # whole as a fragment (base.html; see core.journey.JourneyPageMixin).
        "document_key": None,
        "document_put_in": None,
    }
