from django.core import serializers
from django.core.management.base import BaseCommand

from core.fixtures import CONTENT_APPS, content_models, fixture_path


def export(app_label):
    """The app's content as fixture JSON, in the canonical form we commit."""
    querysets = [model._default_manager.order_by("pk") for model in content_models(app_label)]
    objects = (obj for queryset in querysets for obj in queryset.iterator())
    return (
        serializers.serialize(
            "json",
            objects,
            indent=2,
            use_natural_foreign_keys=True,
            use_natural_primary_keys=True,
        )
        + "\n"
    )


class Command(BaseCommand):
    help = "Write the current content (editors' changes included) back to fixtures/*.json."

    def handle(self, *args, **options):
        for app_label in CONTENT_APPS:
            path = fixture_path(app_label)
            path.write_text(export(app_label), encoding="utf-8")
            self.stdout.write(f"Wrote {path.relative_to(path.parent.parent)}")
