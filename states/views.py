"""The states directory and a state's profile: its standing in every regime over time,
its programs and systems, the flight tests it ran, the transfers it made and received
(with the other party's standing at the time), every fact with its source."""

import re

from django.db.models import Count, F, Q
from django.db.models.functions import ExtractYear
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django_filters.views import FilterView

from missiles.models import FlightTest, MissileSystem, RangeClass, Transfer
from regime.models import Regime
from sources.views import Footnotes, NotFoundDetailView
from states.filters import StateFilter
from states.models import State, standing_annotation

STATE_CODE = re.compile(r"^[A-Za-z]{3}$")
# Rows a profile lists before pointing to the filtered register for the rest.
PROFILE_ROWS = 100

TIMELINE_ROWS = ("Regime status began", "Flight tests", "Transfers made", "Transfers received")


class StateListView(FilterView):
    filterset_class = StateFilter
    queryset = State.objects.with_standings(("MTCR", "HCOC")).with_holdings().order_by("name")
    paginate_by = 50
    template_name = "states/state_list.html"


def timeline_chart(participations, tests_by_year, transfers_by_year):
    """The state's events by year for a Chart.js bubble chart (one row per kind of event)
    and its table twin (one row per year). Transfers without a known first year are left
    out of the chart and counted apart."""
    counts = {}
    for participation in participations:
        if participation.start:
            row = counts.setdefault(participation.start.year, [0, 0, 0, 0])
            row[0] += 1
    for row in tests_by_year:
        counts.setdefault(row["year"], [0, 0, 0, 0])[1] += row["tests"]
    for row in transfers_by_year:
        if row["year_from"] is not None:
            year = counts.setdefault(row["year_from"], [0, 0, 0, 0])
            year[2] += row["made"]
            year[3] += row["received"]
    years = sorted(counts)
    points = [
        {"x": year, "y": index, "n": counts[year][index]}
        for year in years
        for index in range(len(TIMELINE_ROWS))
        if counts[year][index]
    ]
    return {
        "spec": {"type": "timeline", "categories": list(TIMELINE_ROWS), "points": points},
        "x_label": "Year",
        "columns": list(TIMELINE_ROWS),
        "rows": [(year, counts[year]) for year in years],
    }


class StateDetailView(NotFoundDetailView):
    template_name = "states/state_detail.html"
    not_found_template = "states/not_found.html"
    context_object_name = "state"

    def get_object(self, queryset=None):
        code = self.kwargs["code"]
        if not STATE_CODE.match(code):
            raise Http404
        self.regimes = list(Regime.objects.order_by("established", "code"))
        states = (
            State.objects.select_related("successor")
            .with_holdings()
            .with_standings([regime.code for regime in self.regimes])
        )
        return get_object_or_404(states, code=code.upper())

    def not_found_context(self):
        return {"code": self.kwargs["code"][:20]}

    def get(self, request, *args, **kwargs):
        code = self.kwargs["code"]
        if STATE_CODE.match(code) and code != code.upper():
            return redirect("states:detail", code.upper())
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        state = self.object
        participations = list(state.participations.select_related("regime"))
        regime_rows = [
            {
                "regime": regime,
                "standing": getattr(state, standing_annotation(regime.code)),
                "participations": [p for p in participations if p.regime_id == regime.code],
            }
            for regime in self.regimes
        ]
        held = list(
            MissileSystem.objects.held_by(state)
            .select_related("state", "program")
            .order_by(F("range_km").desc(nulls_last=True), "name")
        )
        developed = [system for system in held if system.state_id == state.code]
        received_systems = [system for system in held if system.state_id != state.code]
        programs = list(state.programs.all())
        flight_tests = list(
            FlightTest.objects.filter(state=state).select_related("system").order_by("-date", "-pk")[:PROFILE_ROWS]
        )
        transfers = Transfer.objects.with_standings().select_related("supplier", "recipient", "system")
        transfers = transfers.order_by(F("year_from").asc(nulls_last=True), "pk")
        made = list(transfers.filter(supplier=state)[:PROFILE_ROWS])
        received = list(transfers.filter(recipient=state)[:PROFILE_ROWS])
        transfers_by_year = list(
            Transfer.objects.involving(state)
            .order_by()
            .values("year_from")
            .annotate(made=Count("pk", filter=Q(supplier=state)), received=Count("pk", filter=Q(recipient=state)))
        )
        tests_by_year = list(
            FlightTest.objects.filter(state=state)
            .order_by()
            .values(year=ExtractYear("date"))
            .annotate(tests=Count("pk"))
        )
        predecessors = list(state.predecessors.all())
        # Numbered in the order the page shows the records.
        participations_shown = [p for row in regime_rows for p in row["participations"]]
        footnotes = Footnotes(
            [state], participations_shown, programs, developed, received_systems, flight_tests, made, received
        )
        return super().get_context_data(
            regime_rows=regime_rows,
            programs=programs,
            developed=developed,
            received_systems=received_systems,
            longest_range_class=RangeClass(state.longest_range_class_code) if state.longest_range_class_code else None,
            flight_tests=flight_tests,
            flight_tests_total=sum(row["tests"] for row in tests_by_year),
            made=made,
            made_total=sum(row["made"] for row in transfers_by_year),
            received=received,
            received_total=sum(row["received"] for row in transfers_by_year),
            undated_transfers=sum(
                row["made"] + row["received"] for row in transfers_by_year if row["year_from"] is None
            ),
            predecessors=predecessors,
            chart=timeline_chart(participations, tests_by_year, transfers_by_year),
            profile_rows=PROFILE_ROWS,
            footnotes=footnotes,
            **kwargs,
        )
