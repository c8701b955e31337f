from django.core.management.base import BaseCommand

from dataset.exchange import export_dataset
from dataset.tables import TABLES


class Command(BaseCommand):
    help = "Write the dataset to DIR as one CSV per table (the format of DESIGN.md)."

    def add_arguments(self, parser):
        parser.add_argument("directory")

    def handle(self, directory, **options):
        export_dataset(directory)
        self.stdout.write(f"Wrote {len(TABLES)} files to {directory}")
