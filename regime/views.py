"""The regimes: their list, each regime's participants on any date, and the states that
hold medium-range missiles or longer yet stand outside both the MTCR and the HCoC."""

import datetime
import re

from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views.generic import ListView
from django_filters.views import FilterView

from missiles.models import RangeClass
from regime.filters import ParticipantFilter
from regime.forms import AsOfForm
from regime.models import MEMBER_STATUSES, Participation, Regime, RegimeTotal, Standing, Status, membership_by_year
from sources.views import Footnotes, NotFoundPage
from states.models import State

REGIME_CODE = re.compile(r"^[A-Za-z0-9_-]{1,12}$")
# Membership charts start with the MTCR, the oldest regime the database follows.
FIRST_CHART_YEAR = 1987
# The cross-reference: states holding missiles of this class or longer (1,000 km and more).
OUTSIDE_RANGE_CLASS = RangeClass.MRBM


def year_chart(series, first_year, last_year, x_label="Year"):
    """A line chart over years for ``charts.js`` and its table twin: ``series`` maps a
    label to {year: number}; rows are the years, one column per series."""
    years = list(range(first_year, last_year + 1))
    labels = list(series)
    return {
        "spec": {
            "type": "line",
            "labels": years,
            "datasets": [{"label": label, "data": [series[label].get(year) for year in years]} for label in labels],
        },
        "x_label": x_label,
        "columns": labels,
        "rows": [(year, [series[label].get(year) for label in labels]) for year in years],
    }


def member_noun(participations):
    """What a regime calls its members, from the statuses its records use: "partners"."""
    statuses = {participation.status for participation in participations if participation.is_member}
    for status in MEMBER_STATUSES:
        if status in statuses:
            return {Status.PARTY: "parties"}.get(status, f"{Status(status).label}s")
    return "members"


def reported_by_year(totals, years):
    """{year: the total a source last reported on or before 1 January} (the lower one where
    sources disagree on a date): the line that shows how complete the recorded list is."""
    ordered = sorted(totals, key=lambda total: (total.date, -total.total))
    series = {}
    for year in years:
        reported = [total.total for total in ordered if total.date <= datetime.date(year, 1, 1)]
        if reported:
            series[year] = reported[-1]
    return series


def membership_chart(regimes, participations, last_year=None, totals=()):
    """Members recorded on 1 January of each year from 1987, one line per regime
    (``membership_by_year``), each beside the total its sources reported by then."""
    last_year = last_year or timezone.localdate().year
    years = range(FIRST_CHART_YEAR, last_year + 1)
    series = {}
    for regime in regimes:
        own = [participation for participation in participations if participation.regime_id == regime.code]
        noun = member_noun(own)
        series[f"{regime.code} {noun} recorded"] = membership_by_year(own, years)
        reported = reported_by_year([total for total in totals if total.regime_id == regime.code], years)
        if reported:
            series[f"{regime.code} {noun} reported by sources"] = reported
    return year_chart(series, FIRST_CHART_YEAR, last_year, x_label="1 January")


def recorded_on(participations, at):
    """(members recorded on ``at``, of which a partial date leaves open) for participations in
    memory, by the in-memory twins of active_on and uncertain_on."""
    members = [participation for participation in participations if participation.is_member]
    active = [participation for participation in members if participation.is_active_on(at)]
    uncertain = [participation for participation in members if participation.is_uncertain_on(at)]
    return len(active), len(uncertain)


def totals_with_recorded(totals, participations):
    """Each reported total beside the members of its regime recorded on its date (a partial
    date counts from its first day)."""
    for total in totals:
        own = [participation for participation in participations if participation.regime_id == total.regime_id]
        total.recorded, total.recorded_uncertain = recorded_on(own, total.date)
    return totals


class RegimeListView(ListView):
    queryset = Regime.objects.with_member_count().order_by("established", "code")
    paginate_by = 50
    template_name = "regime/regime_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        regimes = list(context["object_list"])
        totals = list(RegimeTotal.objects.filter(regime__in=regimes).order_by("regime", "-date"))
        latest = {}
        for total in totals:
            latest.setdefault(total.regime_id, total)
        for regime in regimes:
            regime.latest_total = latest.get(regime.code)
        context.update(
            regimes=regimes,
            footnotes=Footnotes(regimes, latest.values()),
            today=timezone.localdate(),
            outside_range_class=OUTSIDE_RANGE_CLASS.label,
        )
        return context


class RegimeDetailView(NotFoundPage, FilterView):
    """A regime's participants with their dates and status, filtered by status and by
    the as-of date (``?as_of=1997-01-01``), its membership over time, and the totals
    sources report beside the count the database records."""

    filterset_class = ParticipantFilter
    paginate_by = 100
    template_name = "regime/regime_detail.html"
    not_found_template = "regime/not_found.html"

    def get_object(self):
        code = self.kwargs["code"]
        if not REGIME_CODE.match(code):
            raise Http404
        return get_object_or_404(Regime, code=code.upper())

    def not_found_context(self):
        return {"code": self.kwargs["code"][:20]}

    def get(self, request, *args, **kwargs):
        try:
            self.regime = self.get_object()
        except Http404:
            return self.render_not_found()
        if self.regime.code != self.kwargs["code"]:
            query = f"?{request.GET.urlencode()}" if request.GET else ""
            return redirect(self.regime.get_absolute_url() + query)
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return Participation.objects.filter(regime=self.regime).select_related("state")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        regime = self.regime
        today = timezone.localdate()
        participations = list(
            Participation.objects.filter(regime=regime).only(
                "regime", "status", "start", "start_precision", "end", "end_precision", "known_on", "known_on_precision"
            )
        )
        form = self.filterset.form
        as_of = form.cleaned_data.get("as_of") if form.is_valid() else None
        on = as_of or today
        members, uncertain = recorded_on(participations, on)
        totals = totals_with_recorded(list(regime.totals.all()), participations)
        participants = list(context["object_list"])
        noun = member_noun(participations)
        context.update(
            regime=regime,
            participants=participants,
            as_of=as_of,
            on=on,
            today=today,
            members_on=members,
            uncertain_on=uncertain,
            member_noun=noun,
            totals=totals,
            chart=membership_chart([regime], participations, today.year, totals),
            examples=self._examples(regime),
            footnotes=Footnotes([regime], totals, participants),
        )
        return context

    @staticmethod
    def _examples(regime):
        """Dates worth asking about, offered as links beside the as-of control."""
        examples = []
        if regime.established:
            examples.append((regime.established, f"founding ({regime.established_partial})"))
        examples.append((datetime.date(1997, 1, 1), "1 January 1997"))
        return examples


class OutsideView(ListView):
    """States that existed on the date asked (default today) and hold medium-range missiles
    or longer (``held_by``'s rule, 1,000 km and more) yet were neither MTCR partners nor HCoC
    subscribing states that day. Holdings are those recorded today; standings are on the date."""

    paginate_by = 50
    template_name = "regime/outside.html"

    def get(self, request, *args, **kwargs):
        self.form = AsOfForm(request.GET or None)
        self.as_of = self.form.cleaned_data["as_of"] if self.form.is_bound and self.form.is_valid() else None
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        if self.form.is_bound and not self.form.is_valid():
            return State.objects.none()
        at = self.as_of or timezone.localdate()
        return (
            State.objects.existing_on(at)
            .holding_at_least(OUTSIDE_RANGE_CLASS)
            .with_standings(("MTCR", "HCOC"), at)
            .exclude(Q(standing_mtcr=Standing.PARTNER) | Q(standing_hcoc=Standing.SUBSCRIBING_STATE))
            .order_by("-longest_range_km", "name")
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            form=self.form,
            as_of=self.as_of,
            on=self.as_of or timezone.localdate(),
            range_class=OUTSIDE_RANGE_CLASS,
            **kwargs,
        )
