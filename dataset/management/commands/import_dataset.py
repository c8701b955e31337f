from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dataset.exchange import DatasetInvalid, import_dataset, read_directory


class Command(BaseCommand):
    help = (
        "Read the dataset CSV files in DIR. Every row is validated; every problem is reported as "
        "file:line: message, and nothing is written unless every row is good. Importing the same files "
        "again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory")
        parser.add_argument("--dry-run", action="store_true", help="Check and count, then roll back.")

    def handle(self, directory, dry_run=False, **options):
        if not Path(directory).is_dir():
            raise CommandError(f"{directory} is not a directory")
        files = read_directory(directory)
        if not files:
            raise CommandError(f"{directory} holds none of the dataset files")
        try:
            report = import_dataset(files, dry_run=dry_run)
        except DatasetInvalid as invalid:
            for message in invalid.report.errors:
                self.stderr.write(message)
            raise CommandError(f"{len(invalid.report.errors)} problem(s) found; nothing was imported.") from None
        prefix = "Dry run, nothing written: " if dry_run else ""
        self.stdout.write(prefix + report.summary())
