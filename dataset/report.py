"""What the dataset holds and where it is thin: the basis of `manage.py dataset_report`."""

from dataclasses import dataclass

from django.db.models import Count, Q

from dataset.tables import TABLES
from missiles.models import MissileSystem
from sources.models import Source


@dataclass
class DatasetReport:
    counts: dict
    uncited: dict  # published records without a citation: there must be none (drafts may lack one)
    systems_missing_range: list
    systems_missing_payload: list
    most_cited: list

    @property
    def uncited_total(self):
        return sum(len(records) for records in self.uncited.values())


def dataset_report(most_cited=15):
    cited_tables = [table for table in TABLES if table.cited]
    return DatasetReport(
        counts={table.file: table.model.objects.count() for table in TABLES},
        uncited={
            table.file: [str(record) for record in table.model.objects.published().uncited()] for table in cited_tables
        },
        systems_missing_range=list(MissileSystem.objects.filter(range_km__isnull=True).values_list("name", flat=True)),
        systems_missing_payload=list(
            MissileSystem.objects.filter(payload_kg__isnull=True).values_list("name", flat=True)
        ),
        most_cited=list(
            Source.objects.annotate(cited=Count("citations"))
            .filter(~Q(cited=0))
            .order_by("-cited", "key")
            .values_list("key", "cited")[:most_cited]
        ),
    )
