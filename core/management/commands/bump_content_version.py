from django.core.management.base import BaseCommand

from core.versions import replace_version


class Command(BaseCommand):
    help = (
        "Move the content version by hand, after changing content with raw SQL (or anything "
        "else that sends no signals): every process serves the change within a second."
    )

    def add_arguments(self, parser):
        parser.add_argument("--database", default="default")

    def handle(self, *args, database="default", **options):
        replace_version(database)
        self.stdout.write("Content version moved.")
