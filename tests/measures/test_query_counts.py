"""The one query-count test of the Measures section (it alone grows the data to 10,000 transfers)."""

from django.urls import reverse

from measures.views import MEASURES
from missiles.models import Transfer
from states.models import State
from tests.factories import SystemFactory, TransferFactory
from tests.measures.csv_tables import CSV_TABLES
from tests.queries import queries_for

# Every page and CSV twin runs at most this many queries, however many rows it shows; the
# index runs the six rules with their defaults.
BUDGET = 12
INDEX_BUDGET = 20


def measure_urls():
    urls = {"index": reverse("measures:index")}
    for measure in MEASURES:
        urls[measure.slug] = reverse("measures:measure", args=[measure.slug])
        for table in CSV_TABLES[measure.slug]:
            urls[f"{measure.slug} {table}.csv"] = reverse("measures:csv", args=[measure.slug, table])
    # Synthetic regions and a changed parameter: a zone that holds rows.
    urls["zone by region"] = reverse("measures:measure", args=["missile-free-zone"]) + "?regions=Synthetic+region+1"
    urls["range-band 1995"] = reverse("measures:measure", args=["range-band"]) + "?as_of=1995-01-01&min_range_km=300"
    return urls


def test_measure_pages_query_count_is_bounded_and_flat_from_100_to_10000_transfers(
    client, synthetic, django_assert_max_num_queries
):
    # Guards against N+1 queries: every measure page and CSV runs at most BUDGET queries (the
    # index INDEX_BUDGET), and
    # the same number with 100 transfers as with 10,000 (rows shown never add queries).
    synthetic(transfers=100, states=50, systems=200, flight_tests=500)
    # An undated Category I transfer: the supplier's standing is uncertain, so every list of
    # the cross-check has rows at both sizes.
    supplier, recipient = State.objects.order_by("code")[:2]
    TransferFactory(supplier=supplier, recipient=recipient, system=SystemFactory(state=supplier), year_from=None)
    urls = measure_urls()
    small = {name: queries_for(client, url) for name, url in urls.items()}
    assert client.get(urls["zone by region"]).context["transfers"].page.paginator.count > 0  # rows shown
    synthetic(transfers=9_900, states=50, systems=200, flight_tests=500, seed=2)
    assert Transfer.objects.count() == 10_001
    large = {}
    for name, url in urls.items():
        with django_assert_max_num_queries(INDEX_BUDGET if name == "index" else BUDGET):
            large[name] = queries_for(client, url)
    assert large == small
