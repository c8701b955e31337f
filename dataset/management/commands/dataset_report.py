from django.core.management.base import BaseCommand, CommandError

from dataset.report import dataset_report


class Command(BaseCommand):
    help = (
        "Print counts per table, records without a citation (there must be none), systems missing range or "
        "payload, and the sources cited most. Exits with an error if any record lacks a citation."
    )

    def add_arguments(self, parser):
        parser.add_argument("--most-cited", type=int, default=15)

    def handle(self, most_cited, **options):
        report = dataset_report(most_cited=most_cited)
        out = self.stdout.write
        out("Records per table")
        for file, count in report.counts.items():
            out(f"  {file:<22} {count:>7,}")
        out(f"\nRecords without a citation: {report.uncited_total}")
        for file, records in report.uncited.items():
            for record in records:
                out(f"  {file}: {record}")
        out(f"\nSystems missing range ({len(report.systems_missing_range)}): {', '.join(report.systems_missing_range)}")
        out(
            f"\nSystems missing payload ({len(report.systems_missing_payload)}): "
            f"{', '.join(report.systems_missing_payload)}"
        )
        out("\nSources cited most")
        for key, count in report.most_cited:
            out(f"  {count:>5}  {key}")
        if report.uncited_total:
            raise CommandError(f"{report.uncited_total} record(s) cite no source: they are drafts, not reference data.")
