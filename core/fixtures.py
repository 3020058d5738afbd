"""Where the content fixtures live and which models they hold, for seeding and export."""

from django.apps import apps
from django.conf import settings

from core.content import NOT_CONTENT

FIXTURE_DIR = settings.BASE_DIR / "fixtures"

# One file per content app, loaded in settings' order (careers refers to core, pathways to
# both).
CONTENT_APPS = settings.CONTENT_APPS

# Models of the content apps that are not in the fixtures: the content version, and the
# fixture updates waiting for editors (editors' bookkeeping). Never exported or seeded.
NOT_EXPORTED = {*NOT_CONTENT, "core.FixtureUpdate"}


def fixture_path(app_label):
    return FIXTURE_DIR / f"{app_label}.json"


def content_models(app_label):
    """The app's content models, without the history tables django-simple-history adds."""
    return [
        model
        for model in apps.get_app_config(app_label).get_models()
        if not model._meta.label.split(".")[1].startswith("Historical")
        and model._meta.label not in NOT_EXPORTED
    ]
