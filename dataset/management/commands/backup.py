import shutil
import subprocess
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from dataset.exchange import export_dataset


class Command(BaseCommand):
    help = (
        "Write a timestamped backup under DIR: the whole dataset as CSV (drafts included) and, on PostgreSQL, "
        "a pg_dump of the database (history, accounts and all). Restore the CSVs with `manage.py restore`."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", nargs="?", default=str(Path(settings.BASE_DIR) / "var" / "backups"))

    def handle(self, directory, **options):
        target = Path(directory) / timezone.now().strftime("%Y%m%dT%H%M%SZ")
        target.mkdir(parents=True, exist_ok=False)
        export_dataset(target / "dataset")
        if connection.vendor == "postgresql":
            self._pg_dump(target / "database.sql")
        self.stdout.write(f"Backup written to {target}")

    def _pg_dump(self, path):
        if not shutil.which("pg_dump"):
            raise CommandError("pg_dump is not installed: the CSV dataset was written, the database dump was not.")
        db = settings.DATABASES["default"]
        env = {"PGPASSWORD": db.get("PASSWORD") or ""}
        command = ["pg_dump", "--no-owner", "--file", str(path), "--dbname", db["NAME"]]
        for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
            if db.get(key):
                command += [flag, str(db[key])]
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        if result.returncode:
            raise CommandError(f"pg_dump failed: {result.stderr.strip()}")
