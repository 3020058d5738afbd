from django.core.management.base import BaseCommand
from django.db import transaction

from core.seeding import seed


class Command(BaseCommand):
    help = (
        "Load the content fixtures: add records that are missing, bring records nobody has "
        "edited up to date, and keep editors' changes (listing fixture changes to them for "
        "review). Safe to run any number of times; see core/seeding.py."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        # The content version moves through the saves' signals (core.versions).
        report = seed()
        self.stdout.write(str(report))
