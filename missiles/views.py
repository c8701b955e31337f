"""The researchers' pages: the transfer register with its CSV twin and matrix, the
missile catalogue, programs and flight tests. Views are thin: a FilterSet, a QuerySet
with its related rows, a template. Page queries do not grow with the rows shown.
"""

import csv
import math
from collections import Counter
from dataclasses import dataclass, field
from itertools import groupby
from operator import attrgetter

from django.db.models import CharField, F, FilteredRelation, Q
from django.db.models.functions import Cast
from django.http import HttpResponseBadRequest, StreamingHttpResponse
from django.views import View
from django.views.generic import DetailView
from django_filters.views import FilterMixin, FilterView

from dataset.tables import TABLES_BY_FILE, Sources
from missiles.filters import (
    FlightTestFilter,
    MissileProgramFilter,
    MissileSystemFilter,
    TransferFilter,
    TransferMatrixFilter,
)
from missiles.models import (
    MTCR_PAYLOAD_KG,
    MTCR_RANGE_KM,
    RANGE_CLASS_DESCRIPTIONS,
    FlightTest,
    MissileProgram,
    MissileSystem,
    Transfer,
)

# Rows a detail page lists before pointing to the filtered register for the rest.
DETAIL_ROWS = 100

# Querysets are built per request (get_queryset), never once at import: the managers of
# cited records decide per request which records the reader may see.

# The register's order: by first year (unknown years last), then by the parties.
REGISTER_ORDER = (F("year_from").asc(nulls_last=True), "supplier__name", "recipient__name", "pk")
FLIGHT_TEST_ORDER = ("-date", "system__name", "sequence", "pk")


class MissileSystemListView(FilterView):
    filterset_class = MissileSystemFilter
    paginate_by = 50
    template_name = "missiles/missilesystem_list.html"

    def get_queryset(self):
        return MissileSystem.objects.select_related("state")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            range_classes=RANGE_CLASS_DESCRIPTIONS.items(),
            mtcr_range_km=MTCR_RANGE_KM,
            mtcr_payload_kg=MTCR_PAYLOAD_KG,
            **kwargs,
        )


class MissileSystemDetailView(DetailView):
    def get_queryset(self):
        # Three generations of lineage come with the system; deeper ones cost a query each.
        return MissileSystem.objects.select_related(
            "state",
            "program",
            "derived_from__state",
            "derived_from__derived_from__state",
            "derived_from__derived_from__derived_from__state",
        ).prefetch_related("citations__source", "derivatives", "program__states")

    def get_context_data(self, **kwargs):
        system = self.object
        transfers = list(
            system.transfers.select_related("supplier", "recipient").order_by(*REGISTER_ORDER)[: DETAIL_ROWS + 1]
        )
        flight_tests = list(system.flight_tests.select_related("state").order_by("date", "pk")[: DETAIL_ROWS + 1])
        return super().get_context_data(
            transfers=transfers[:DETAIL_ROWS],
            more_transfers=len(transfers) > DETAIL_ROWS,
            flight_tests=flight_tests[:DETAIL_ROWS],
            more_flight_tests=len(flight_tests) > DETAIL_ROWS,
            detail_rows=DETAIL_ROWS,
            **kwargs,
        )


class MissileProgramListView(FilterView):
    filterset_class = MissileProgramFilter
    paginate_by = 50
    template_name = "missiles/missileprogram_list.html"

    def get_queryset(self):
        return MissileProgram.objects.prefetch_related("states", "systems")


class MissileProgramDetailView(DetailView):
    def get_queryset(self):
        return MissileProgram.objects.prefetch_related("states", "citations__source", "systems__state")


class TransferListView(FilterView):
    """The transfer register: filter, sort, page through and export the transfers."""

    filterset_class = TransferFilter
    paginate_by = 50
    template_name = "missiles/transfer_list.html"

    def get_queryset(self):
        return (
            Transfer.objects.with_standings()
            .select_related("supplier", "recipient", "system")
            .order_by(*REGISTER_ORDER)
        )


class TransferDetailView(DetailView):
    def get_queryset(self):
        return (
            Transfer.objects.with_standings()
            .select_related("supplier", "recipient", "system__state")
            .prefetch_related("citations__source")
        )


class FlightTestListView(FilterView):
    filterset_class = FlightTestFilter
    paginate_by = 50
    template_name = "missiles/flighttest_list.html"

    def get_queryset(self):
        return FlightTest.objects.select_related("system", "state").order_by(*FLIGHT_TEST_ORDER)


# ---------------------------------------------------------------- CSV twins


class _Echo:
    """A file-like object whose write() hands the line back, for streaming csv.writer output."""

    def write(self, value):
        return value


class FilteredCsvView(FilterMixin, View):
    """The CSV twin of a filtered list: the same FilterSet and query string, the columns of
    the dataset's CSV file (dataset/tables.py formats them) plus ``extra_columns``.

    Rows are written as the query is iterated, so a large export never sits in memory.
    Citations are joined into that one query (a row per citation, grouped back per
    record) instead of prefetched per chunk, so the number of queries stays flat
    however many rows are exported. (A table with many-to-many columns, such as
    programs.csv, would need a prefetch; none of those is exported this way.)
    """

    table = None
    filename = None
    extra_columns = ()  # (CSV column name, attribute of the record)
    chunk_size = 2000

    def get(self, request, *args, **kwargs):
        filterset = self.get_filterset(self.get_filterset_class())
        if filterset.is_bound and not filterset.is_valid():
            problems = [
                f"{name}: {' '.join(errors)}" if name != "__all__" else " ".join(errors)
                for name, errors in filterset.form.errors.items()
            ]
            return HttpResponseBadRequest(
                "The filters are not valid, so nothing was exported:\n" + "\n".join(problems) + "\n",
                content_type="text/plain; charset=utf-8",
            )
        writer = csv.writer(_Echo(), lineterminator="\n")
        response = StreamingHttpResponse(
            (writer.writerow(row) for row in self.rows(filterset.qs)), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{self.filename}"'
        return response

    def rows(self, records):
        columns = self.table.columns
        yield [column.name for column in columns] + [name for name, _ in self.extra_columns]
        ordering = records.query.order_by or records.model._meta.ordering
        cited = (
            records.select_related(*self.table.select)
            # The extra condition compares text with text, so SQLite can use the citation index
            # for this join instead of scanning every citation for each record.
            .annotate(
                own_citation=FilteredRelation(
                    "citations", condition=Q(citations__object_id=Cast("pk", output_field=CharField()))
                )
            )
            .annotate(citation_source=F("own_citation__source__key"), citation_locator=F("own_citation__locator"))
            .order_by(*ordering, "pk")
        )
        for _, joined in groupby(cited.iterator(chunk_size=self.chunk_size), key=attrgetter("pk")):
            joined = list(joined)
            record = joined[0]
            citations = sorted((row.citation_source, row.citation_locator) for row in joined if row.citation_source)
            yield [
                column.format(citations if isinstance(column, Sources) else column.read(record)) for column in columns
            ] + [getattr(record, attribute) for _, attribute in self.extra_columns]


class TransferCsvView(FilteredCsvView):
    filterset_class = TransferFilter
    table = TABLES_BY_FILE["transfers.csv"]
    filename = "containment-transfers.csv"
    extra_columns = (("supplier_mtcr", "supplier_mtcr"), ("recipient_hcoc", "recipient_hcoc"))

    def get_queryset(self):
        return Transfer.objects.with_standings().order_by(*REGISTER_ORDER)


class FlightTestCsvView(FilteredCsvView):
    filterset_class = FlightTestFilter
    table = TABLES_BY_FILE["flight_tests.csv"]
    filename = "containment-flight-tests.csv"

    def get_queryset(self):
        return FlightTest.objects.order_by(*FLIGHT_TEST_ORDER)


# ---------------------------------------------------------------- matrix


@dataclass
class MatrixState:
    code: str
    name: str
    total: int


@dataclass
class MatrixRow:
    supplier: MatrixState
    cells: list  # [(recipient, count, heat)] in column order
    others: int  # transfers to recipients not shown as columns


@dataclass
class TransferMatrix:
    """Transfer counts pivoted into suppliers (rows) × recipients (columns). Only the
    busiest ``max_rows`` suppliers and ``max_columns`` recipients get a row or column;
    the rest are summed into "other" cells, so every total stays complete."""

    rows: list = field(default_factory=list)
    recipients: list = field(default_factory=list)
    other_suppliers: MatrixRow | None = None  # the suppliers without a row, summed
    hidden_suppliers: int = 0
    hidden_recipients: int = 0
    other_recipients_total: int = 0
    total: int = 0

    HEAT_LEVELS = 5

    @classmethod
    def from_pairs(cls, pairs, max_rows, max_columns):
        counts, names = Counter(), {}
        supplier_totals, recipient_totals = Counter(), Counter()
        for pair in pairs:
            supplier, recipient, count = pair["supplier"], pair["recipient"], pair["transfers"]
            counts[supplier, recipient] = count
            names[supplier], names[recipient] = pair["supplier__name"], pair["recipient__name"]
            supplier_totals[supplier] += count
            recipient_totals[recipient] += count

        def busiest(totals, limit, order):
            ranked = sorted(totals, key=lambda code: (-totals[code], code))[:limit]
            return [MatrixState(code, names[code], totals[code]) for code in sorted(ranked, key=order)]

        # Rows are headed by names and columns by codes: each in the order a reader scans.
        suppliers = busiest(supplier_totals, max_rows, order=names.get)
        recipients = busiest(recipient_totals, max_columns, order=str)
        highest = max((counts[s.code, r.code] for s in suppliers for r in recipients), default=0)

        def row(supplier, count_for):
            cells = [(recipient, count_for(recipient)) for recipient in recipients]
            cells = [
                (recipient, count, min(cls.HEAT_LEVELS, math.ceil(cls.HEAT_LEVELS * count / highest)) if count else 0)
                for recipient, count in cells
            ]
            return MatrixRow(supplier, cells, supplier.total - sum(count for _, count, _ in cells))

        rows = [row(supplier, lambda recipient, s=supplier: counts[s.code, recipient.code]) for supplier in suppliers]
        total = sum(supplier_totals.values())
        matrix = cls(
            rows=rows,
            recipients=recipients,
            hidden_suppliers=len(supplier_totals) - len(suppliers),
            hidden_recipients=len(recipient_totals) - len(recipients),
            other_recipients_total=total - sum(recipient.total for recipient in recipients),
            total=total,
        )
        if matrix.hidden_suppliers:
            shown = {supplier.code for supplier in suppliers}
            others = MatrixState("", "Other suppliers", total - sum(supplier.total for supplier in suppliers))
            matrix.other_suppliers = row(
                others,
                lambda recipient: recipient.total - sum(counts[code, recipient.code] for code in shown),
            )
        return matrix


class TransferMatrixView(FilterView):
    """Supplier × recipient counts of the filtered transfers, from one aggregate query."""

    filterset_class = TransferMatrixFilter
    template_name = "missiles/transfer_matrix.html"
    max_rows = 60
    max_columns = 40

    def get_queryset(self):
        return Transfer.objects.all()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not self.filterset.is_bound or self.filterset.is_valid():
            context["matrix"] = TransferMatrix.from_pairs(
                self.object_list.pair_counts(), self.max_rows, self.max_columns
            )
        return context
