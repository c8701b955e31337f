from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from dataset.exchange import DatasetInvalid, clear_dataset, import_dataset, read_directory


class Command(BaseCommand):
    help = (
        "Replace the dataset with a backup written by `manage.py backup` (its directory, or the dataset "
        "directory inside it). All or nothing: if any row is bad, the current data stays as it was."
    )

    def add_arguments(self, parser):
        parser.add_argument("backup")

    def handle(self, backup, **options):
        directory = Path(backup)
        if (directory / "dataset").is_dir():
            directory = directory / "dataset"
        files = read_directory(directory) if directory.is_dir() else {}
        if not files:
            raise CommandError(f"{backup} holds no dataset files.")
        try:
            with transaction.atomic():
                clear_dataset()
                report = import_dataset(files, change_reason=f"Restored from {directory}")
        except DatasetInvalid as invalid:
            for message in invalid.report.errors:
                self.stderr.write(message)
            raise CommandError("The backup has problems; nothing was changed.") from None
        self.stdout.write(f"Restored: {report.summary()}")
