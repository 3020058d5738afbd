from collections import defaultdict

from django.core import serializers
from django.core.management.base import BaseCommand
from django.db import transaction

from careers.fixtures import CONTENT_APPS, fixture_path


class Command(BaseCommand):
    help = (
        "Load the content fixtures, adding records that are missing and leaving existing "
        "ones as editors left them. Safe to run any number of times."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        created = kept = 0
        deferred = []
        added = defaultdict(list)
        for app_label in CONTENT_APPS:
            with open(fixture_path(app_label), encoding="utf-8") as fixture:
                for item in serializers.deserialize(
                    "json", fixture, handle_forward_references=True
                ):
                    # Natural keys resolve an existing record's primary key; a record that
                    # exists already is an editor's to change, so seeding never overwrites it.
                    if (
                        item.object.pk is not None
                        and type(item.object)._default_manager.filter(pk=item.object.pk).exists()
                    ):
                        kept += 1
                        continue
                    item.save()
                    added[type(item.object)].append(item.object)
                    created += 1
                    if item.deferred_fields:
                        deferred.append(item)
        for item in deferred:
            item.save_deferred_fields()
        # The shipped text is each record's first version, so editors can always go back to it.
        for model, objects in added.items():
            if hasattr(model, "history"):
                model.history.bulk_history_create(
                    objects, default_change_reason="Loaded from the content fixtures"
                )
        self.stdout.write(f"Seeded content: {created} records added, {kept} already present.")
