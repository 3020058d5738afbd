"""``manage.py export_content``: the published content back to ``fixtures/*.json``.

Only what visitors may see is written, and nothing that names a person: unpublished
records (and records that belong to one) are left out, and so are fields that point outside
the content (an editor in a source's "checked by"). What it writes seeds an empty database.
"""

import json

from django.core import serializers
from django.core.management.base import BaseCommand
from django.core.serializers.json import DjangoJSONEncoder

from core.content import is_content_model
from core.fixtures import CONTENT_APPS, content_models, fixture_path


def exported_ids():
    """The primary keys of every content model's records to export: the published ones
    whose parents (foreign keys to content) are exported too."""
    models = [model for app_label in CONTENT_APPS for model in content_models(app_label)]
    ids = {}
    for model in models:
        queryset = model._default_manager.all()
        if any(field.name == "is_published" for field in model._meta.fields):
            queryset = queryset.filter(is_published=True)
        ids[model] = set(queryset.values_list("pk", flat=True))
    changed = True
    while changed:  # drop records whose parent was dropped, until none is
        changed = False
        for model in models:
            for field in content_links(model):
                if field.many_to_many or field.related_model not in ids:
                    continue
                kept = ids[field.related_model]
                orphans = {
                    pk
                    for pk, parent in model._default_manager.filter(pk__in=ids[model])
                    .values_list("pk", field.attname)
                    .iterator()
                    if parent is not None and parent not in kept
                }
                if orphans:
                    ids[model] -= orphans
                    changed = True
    return ids


def content_links(model):
    return [
        field
        for field in model._meta.get_fields()
        if field.concrete and field.is_relation and field.related_model is not None
    ]


def export(app_label, ids=None):
    """The app's exported content as fixture JSON, in the canonical form we commit."""
    ids = exported_ids() if ids is None else ids
    records = []
    for model in content_models(app_label):
        outside = {
            field.name: field.many_to_many
            for field in content_links(model)
            if not is_content_model(field.related_model)
        }
        links = {
            field.name: field.related_model
            for field in content_links(model)
            if field.many_to_many and field.related_model in ids
        }
        queryset = model._default_manager.filter(pk__in=ids[model]).order_by("pk")
        for record, instance in zip(
            serializers.serialize(
                "python",
                queryset.iterator(),
                use_natural_foreign_keys=True,
                use_natural_primary_keys=True,
            ),
            queryset.iterator(),
            strict=True,
        ):
            for name in outside:  # kept as empty, as a fixture made by hand has it
                if name in record["fields"]:
                    record["fields"][name] = [] if outside[name] else None
            for name, related in links.items():
                kept = ids[related]
                linked = getattr(instance, name).values_list("pk", flat=True)
                if not set(linked) <= kept:  # a link to an unexported record: left out
                    wanted = related._default_manager.filter(pk__in=set(linked) & kept)
                    record["fields"][name] = [
                        item.natural_key() if hasattr(item, "natural_key") else item.pk
                        for item in wanted.order_by("pk")
                    ]
            records.append(record)
    # As Django's JSON serializer writes it: one record after another, each indented by 2.
    dumped = (
        json.dumps(record, indent=2, cls=DjangoJSONEncoder, ensure_ascii=False)
        for record in records
    )
    return "[\n" + ",\n".join(dumped) + ("\n]\n\n" if records else "]\n\n")


class Command(BaseCommand):
    help = "Write the published content (editors' changes included) back to fixtures/*.json."

    def handle(self, *args, **options):
        ids = exported_ids()
        for app_label in CONTENT_APPS:
            path = fixture_path(app_label)
            path.write_text(export(app_label, ids), encoding="utf-8")
            self.stdout.write(f"Wrote {path.relative_to(path.parent.parent)}")
