"""The Measures section: the article's five measures, and an MTCR cross-check, each a rule
of measures/rules.py run with the parameters of the query string. A page explains the
rule, shows its form, its result (every list paginated or bounded by the number of
states or systems), a chart and links to CSV twins that run the same rule.

Views are thin: the form gives the parameters, the rule gives the result, the template
shows it. Page queries do not grow with the rows shown.
"""

import csv
from collections import Counter
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpResponseBadRequest, StreamingHttpResponse
from django.shortcuts import render
from django.views import View

from measures import exports, forms, rules
from regime.models import Standing

PER_PAGE = 50
# A bar chart names at most this many states; its table holds them all.
CHART_BARS = 25


def counted(number, noun, plural=None):
    """ "1 state", "2 states"."""
    return f"{number:,} {noun if number == 1 else plural or noun + 's'}"


def bar_chart(labels, series, x_label, y_title):
    """A bar chart for ``charts.js`` (kind "bar", stacked) and its table twin: ``series`` maps
    a dataset label to one number per label."""
    columns = list(series)
    return {
        "spec": {
            "type": "bar",
            "stacked": True,
            "labels": list(labels),
            "datasets": [{"label": column, "data": list(series[column])} for column in columns],
            "xTitle": x_label,
            "yTitle": y_title,
        },
        "x_label": x_label,
        "columns": columns,
        "rows": [(label, [series[column][index] for column in columns]) for index, label in enumerate(labels)],
    }


class Pages:
    """A page of a list whose page number lives in the query-string parameter ``param``, with
    the links that keep every other parameter."""

    def __init__(self, request, items, param="page", per_page=PER_PAGE):
        self.request, self.param = request, param
        self.page = Paginator(items, per_page).get_page(request.GET.get(param))

    def __iter__(self):
        return iter(self.page.object_list)

    def url(self, number):
        query = self.request.GET.copy()
        query[self.param] = number
        return "?" + query.urlencode()

    def links(self):
        page = self.page
        links = {}
        if page.has_previous():
            links.update(first=self.url(1), previous=self.url(page.previous_page_number()))
        if page.has_next():
            links.update(next=self.url(page.next_page_number()), last=self.url(page.paginator.num_pages))
        return links


def _csv_response(rows, filename):
    class Echo:
        def write(self, value):
            return value

    writer = csv.writer(Echo(), lineterminator="\n")
    response = StreamingHttpResponse((writer.writerow(row) for row in rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@dataclass(frozen=True)
class Measure:
    slug: str
    title: str
    summary: str  # one line for the index
    form_class: type
    rule: object
    template_name: str

    def tables(self, result):
        """{table name: rows} for the CSV twins; rows are generators over the rule's result."""
        raise NotImplementedError

    def context(self, request, result):
        raise NotImplementedError

    def headline(self, result):
        raise NotImplementedError


class RangeBand(Measure):
    def tables(self, result):
        return {"states": exports.holder_rows(result.rows)}

    def context(self, request, result):
        rows = result.covered + result.open_rows
        charted = sorted(rows, key=lambda row: (-len(row.holdings), row.state.name))[:CHART_BARS]
        return {
            "states": Pages(request, rows),
            "chart": bar_chart(
                [row.state.name for row in charted],
                {
                    "held": [len(row.held) for row in charted],
                    "uncertain or undated": [len(row.open_holdings) for row in charted],
                },
                "State",
                "systems covered",
            ),
        }

    def headline(self, result):
        text = f"{counted(len(result.covered), 'state')}, {counted(result.systems, 'system')}"
        return text + (f" (+{len(result.open_rows)} uncertain or undated)" if result.open_rows else "")


class FlightTestBan(Measure):
    def tables(self, result):
        return {
            "breaches": exports.flight_test_rows(result.breaches, extra=("breach",)),
            "frozen": exports.frozen_rows(result.programs),
        }

    def context(self, request, result):
        years = sorted({row["year"] for row in result.by_state_year})
        certain, uncertain = Counter(), Counter()
        for row in result.by_state_year:
            certain[row["year"]] += row["tests"] - row["uncertain"]
            uncertain[row["year"]] += row["uncertain"]
        # One row per state (bounded by the states), its years inline.
        per_state = {}
        for row in result.by_state_year:
            empty = {"code": row["state"], "name": row["state__name"], "tests": 0, "uncertain": 0, "years": []}
            state = per_state.setdefault(row["state"], empty)
            state["tests"] += row["tests"]
            state["uncertain"] += row["uncertain"]
            state["years"].append(row)
        return {
            "per_state": list(per_state.values()),
            "breaches": Pages(request, result.breaches),
            "chart": bar_chart(
                years,
                {"breaches": [certain[y] for y in years], "uncertain": [uncertain[y] for y in years]},
                "Year",
                "flight tests",
            ),
        }

    def headline(self, result):
        text = f"{counted(result.tests, 'test')} by {counted(result.states, 'state')}"
        return text + (f" (+{result.uncertain_tests} uncertain)" if result.uncertain_tests else "")


class Zone(Measure):
    def tables(self, result):
        return {"holders": exports.holder_rows(result.rows), "transfers": exports.transfer_rows(result.barred)}

    def context(self, request, result):
        by_supplier = list(
            result.barred.order_by()
            .values("supplier__name")
            .annotate(count=Count("pk"))
            .order_by("-count", "supplier__name")[:CHART_BARS]
        )
        return {
            "transfers": Pages(request, result.barred),
            "chart": bar_chart(
                [row["supplier__name"] for row in by_supplier],
                {"barred transfers": [row["count"] for row in by_supplier]},
                "Supplier",
                "transfers into the zone",
            ),
        }

    def headline(self, result):
        zone = counted(len(result.zone), "state")
        return f"{len(result.rows)} of {zone} hold covered missiles, {counted(result.barred_count, 'barred transfer')}"


class SpaceService(Measure):
    def tables(self, result):
        return {"candidates": exports.holder_rows(result.rows)}

    def context(self, request, result):
        standings = Counter(row.standing("MTCR") for row in result.rows)
        order = [standing for standing in Standing if standing in standings]
        return {
            "chart": bar_chart(
                [standing.label for standing in order],
                {"states": [standings[standing] for standing in order]},
                "MTCR standing",
                "candidate states",
            ),
        }

    def headline(self, result):
        return f"{counted(len(result.rows), 'state')}, {len(result.outside_mtcr)} outside the MTCR"


class VerificationGaps(Measure):
    def tables(self, result):
        return {
            "unnotified": exports.flight_test_rows(result.unnotified, extra=("state_hcoc",)),
            "outside": exports.state_rows(result.outside, result.regime_codes),
            "suspected-transfers": exports.transfer_rows(result.suspected_transfers),
            "suspected-tests": exports.flight_test_rows(result.suspected_tests),
        }

    def context(self, request, result):
        unnotified = Pages(request, result.unnotified, "page")
        suspected_transfers = Pages(request, result.suspected_transfers, "transfers_page")
        suspected_tests = Pages(request, result.suspected_tests, "tests_page")
        counts = {
            "tests not notified": unnotified.page.paginator.count,
            "holders in no regime": len(result.outside),
            "suspected transfers": suspected_transfers.page.paginator.count,
            "suspected tests": suspected_tests.page.paginator.count,
        }
        return {
            "unnotified": unnotified,
            "suspected_transfers": suspected_transfers,
            "suspected_tests": suspected_tests,
            "gap_counts": counts,
            "chart": bar_chart(list(counts), {"records": list(counts.values())}, "Gap", "records"),
        }

    def headline(self, result):
        suspected = result.suspected_transfers.count() + result.suspected_tests.count()
        return (
            f"{counted(result.unnotified.count(), 'launch', 'launches')} not known to be notified, "
            f"{counted(len(result.outside), 'holder')} in no regime, {counted(suspected, 'record')} only suspected"
        )


class CrossCheck(Measure):
    def tables(self, result):
        return {
            "category-i": exports.transfer_rows(result.category_i),
            "unreached": exports.transfer_rows(result.unreached),
        }

    def context(self, request, result):
        return {
            "bound": Pages(request, result.bound, "page"),
            "uncertain": Pages(request, result.uncertain, "uncertain_page"),
            "unreached": Pages(request, result.unreached, "unreached_page"),
            "chart": bar_chart(
                [standing.label for standing, _ in result.by_standing],
                {"Category I transfers": [count for _, count in result.by_standing]},
                "Supplier's MTCR standing at the time",
                "transfers",
            ),
        }

    def headline(self, result):
        total = sum(count for _, count in result.by_standing)
        return f"{counted(total, 'Category I transfer')}, {result.bound.count()} by partners or adherents"


MEASURES = (
    RangeBand(
        "range-band",
        "Range-band ban",
        "A global ban on missiles of a range band (by default the INF Treaty's 500–5,500 km): who it would cover.",
        forms.RangeBandForm,
        rules.range_band_ban,
        "measures/range_band.html",
    ),
    FlightTestBan(
        "flight-test-ban",
        "Flight-test ban",
        "A ban on flight tests from a date: the tests that would have breached it, the programs it would have frozen.",
        forms.FlightTestBanForm,
        rules.flight_test_ban,
        "measures/flight_test_ban.html",
    ),
    Zone(
        "missile-free-zone",
        "Regional missile-free zone",
        "A zone without missiles above a range: the states in it holding them, the transfers it would have barred.",
        forms.ZoneForm,
        rules.missile_free_zone,
        "measures/missile_free_zone.html",
    ),
    SpaceService(
        "space-service",
        "Space service initiative",
        "States with space-launch or orbital-class missile programs: the candidates for launch services.",
        forms.SpaceServiceForm,
        rules.space_service,
        "measures/space_service.html",
    ),
    VerificationGaps(
        "verification-gaps",
        "Verification gaps",
        "Launches not known to be notified, missile holders in no regime, and records only suspected.",
        forms.VerificationForm,
        rules.verification_gaps,
        "measures/verification_gaps.html",
    ),
    CrossCheck(
        "mtcr-cross-check",
        "MTCR compliance cross-check",
        "Category I transfers made by MTCR partners and adherents, and those no regime reached.",
        forms.CrossCheckForm,
        rules.mtcr_cross_check,
        "measures/mtcr_cross_check.html",
    ),
)
MEASURES_BY_SLUG = {measure.slug: measure for measure in MEASURES}


class MeasureIndexView(View):
    def get(self, request):
        rows = []
        for measure in MEASURES:
            form = measure.form_class()
            form.is_valid()
            rows.append((measure, measure.headline(measure.rule(form.params()))))
        return render(request, "measures/index.html", {"measures": rows})


class MeasureView(View):
    """A measure's page, or with ``table`` one of its CSV twins."""

    def get(self, request, slug, table=None):
        measure = MEASURES_BY_SLUG.get(slug)
        if measure is None:
            raise Http404
        form = measure.form_class(request.GET)
        if not form.is_valid():
            if table is not None:
                problems = [f"{name}: {' '.join(errors)}" for name, errors in form.errors.items()]
                return HttpResponseBadRequest(
                    "The parameters are not valid, so nothing was exported:\n" + "\n".join(problems) + "\n",
                    content_type="text/plain; charset=utf-8",
                )
            context = {"measure": measure, "form": form, "measures": MEASURES}
            return render(request, measure.template_name, context, status=400)
        result = measure.rule(form.params())
        if table is not None:
            tables = measure.tables(result)
            if table not in tables:
                raise Http404
            return _csv_response(tables[table], f"containment-{measure.slug}-{table}.csv")
        context = {
            "measure": measure,
            "form": form,
            "result": result,
            "params": result.params,
            "measures": MEASURES,
            **measure.context(request, result),
        }
        return render(request, measure.template_name, context)
