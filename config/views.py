"""Pages that compose every app sit here, above the apps they draw from: the home page,
search across every kind of record, and the side-by-side comparison of states."""

import re
from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.db.models import CharField, Count, F, Q, Value
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView

from missiles.models import FlightTest, MissileProgram, MissileSystem, RangeClass, Transfer
from regime.models import Participation, Regime, RegimeTotal
from regime.views import membership_chart, totals_with_recorded
from sources.models import Source
from sources.views import MAX_QUERY, Footnotes, valid_text
from states.models import State, standing_annotation

# What the home page counts, and what "recently changed" lists: every cited kind of record.
CITED_KINDS = [
    ("states", State, ()),
    ("regimes", Regime, ()),
    ("regime participations", Participation, ("state", "regime")),
    ("reported totals", RegimeTotal, ("regime",)),
    ("missile programs", MissileProgram, ()),
    ("missile systems", MissileSystem, ()),
    ("flight tests", FlightTest, ("system",)),
    ("transfers", Transfer, ("supplier", "recipient", "system")),
]
RECENT_PER_KIND = 3
CHART_REGIMES = ("MTCR", "HCOC")


def record_counts():
    """[(kind, count)] for every cited kind of record and the sources, in one query. On the
    public site the managers hold only published records (sources.models.CitedManager)."""
    parts = [
        model.objects.order_by()
        .values(record_kind=Value(label, output_field=CharField()))
        .annotate(records=Count("pk"))
        .values("record_kind", "records")
        for label, model, _ in [*CITED_KINDS, ("sources", Source, ())]
    ]
    counts = {row["record_kind"]: row["records"] for row in parts[0].union(*parts[1:], all=True)}
    return [(label, counts.get(label, 0)) for label, _, _ in [*CITED_KINDS, ("sources", Source, ())]]


def recently_changed():
    """The few most recently changed records of each kind, merged, newest first."""
    records = []
    for label, model, related in CITED_KINDS:
        for record in model.objects.select_related(*related).order_by("-updated")[:RECENT_PER_KIND]:
            record.kind = label
            records.append(record)
    return sorted(records, key=lambda record: record.updated, reverse=True)


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        regimes = list(Regime.objects.all())
        participations = list(
            Participation.objects.only(
                "regime", "status", "start", "start_precision", "end", "end_precision", "known_on", "known_on_precision"
            )
        )
        totals = list(RegimeTotal.objects.select_related("regime").order_by("regime", "-date"))
        latest_totals = {}
        for total in totals:
            latest_totals.setdefault(total.regime_id, total)
        latest_totals = totals_with_recorded(list(latest_totals.values()), participations)
        chart_regimes = [regime for regime in regimes if regime.code in CHART_REGIMES]
        return super().get_context_data(
            counts=record_counts(),
            chart=membership_chart(chart_regimes, participations, today.year, totals) if chart_regimes else None,
            totals=latest_totals,
            recent=recently_changed(),
            footnotes=Footnotes(latest_totals),
            max_query=MAX_QUERY,
            **kwargs,
        )


# ---------------------------------------------------------------- search


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Search",
        max_length=MAX_QUERY,
        validators=[valid_text],
        error_messages={
            "required": "Type a name, a code, an alias or a word to search for.",
            "max_length": f"Search for at most {MAX_QUERY} characters.",
        },
    )


@dataclass
class ResultGroup:
    label: str
    records: list
    count: int
    link: str = ""


class SearchView(TemplateView):
    """One query across states, systems (names and aliases), programs, transfers and
    sources; each group shows its first rows and its count, with a link to the full
    filtered list where one exists."""

    template_name = "search.html"
    per_group = 20

    def _group(self, label, queryset, link=""):
        return ResultGroup(label, list(queryset[: self.per_group]), queryset.count(), link)

    def get_context_data(self, **kwargs):
        form = SearchForm(self.request.GET if "q" in self.request.GET else None)
        groups = []
        if form.is_valid():
            q = form.cleaned_data["q"]
            systems = MissileSystem.objects.search(q)
            groups = [
                self._group("States", State.objects.search(q), reverse("states:list") + "?" + urlencode({"q": q})),
                self._group(
                    "Missile systems",
                    systems.select_related("state"),
                    reverse("missiles:systems") + "?" + urlencode({"q": q}),
                ),
                self._group(
                    "Missile programs",
                    MissileProgram.objects.filter(name__icontains=q),
                    reverse("missiles:programs") + "?" + urlencode({"name": q}),
                ),
                self._group(
                    "Transfers",
                    Transfer.objects.filter(
                        Q(description__icontains=q)
                        | Q(system__in=systems.values("pk"))
                        | Q(supplier__name__icontains=q)
                        | Q(recipient__name__icontains=q)
                    ).select_related("supplier", "recipient", "system"),
                ),
                self._group("Sources", Source.objects.search(q), reverse("sources:list") + "?" + urlencode({"q": q})),
            ]
        return super().get_context_data(
            form=form,
            groups=groups,
            total=sum(group.count for group in groups),
            per_group=self.per_group,
            **kwargs,
        )


# ---------------------------------------------------------------- compare

STATE_CODE = re.compile(r"^[A-Z]{3}$")
COMPARE_MIN, COMPARE_MAX = 2, 4


class CompareForm(forms.Form):
    """Two to four states by code: ``?states=PRK&states=IRN``. The page offers four
    selects with the same name; empty ones are ignored."""

    states = forms.Field(required=False, widget=forms.SelectMultiple, label="States")

    def clean_states(self):
        codes = []
        for value in self.cleaned_data["states"] or []:
            code = value.strip().upper()
            if not code:
                continue
            if not STATE_CODE.match(code):
                shown = f"“{value[:12]}”" if value.isprintable() else "A value"
                raise forms.ValidationError(f"{shown} is not a state code (three letters, such as PRK).")
            if code not in codes:
                codes.append(code)
        if not COMPARE_MIN <= len(codes) <= COMPARE_MAX:
            raise forms.ValidationError(
                f"Choose {COMPARE_MIN} to {COMPARE_MAX} different states to compare ({len(codes)} chosen)."
            )
        known = set(State.objects.filter(code__in=codes).values_list("code", flat=True))
        unknown = [code for code in codes if code not in known]
        if unknown:
            raise forms.ValidationError(f"No state has the code {', '.join(unknown)}.")
        return codes


class CompareView(TemplateView):
    template_name = "compare.html"
    slots = COMPARE_MAX

    def get_context_data(self, **kwargs):
        bound = "states" in self.request.GET
        form = CompareForm({"states": self.request.GET.getlist("states")} if bound else None)
        chosen = self.request.GET.getlist("states")[: self.slots] if bound else []
        context = {
            "form": form,
            "choices": list(State.objects.values_list("code", "name")),
            "slots": [
                (index + 1, chosen[index].strip().upper() if index < len(chosen) else "") for index in range(self.slots)
            ],
        }
        if form.is_bound and form.is_valid():
            context.update(self._comparison(form.cleaned_data["states"]))
        return super().get_context_data(**context, **kwargs)

    def _comparison(self, codes):
        regimes = list(Regime.objects.order_by("established", "code"))
        found = {
            state.code: state
            for state in State.objects.filter(code__in=codes)
            .with_standings([regime.code for regime in regimes])
            .with_holdings()
            .with_record_counts()
        }
        states = [found[code] for code in codes]
        for state in states:
            state.held = list(
                MissileSystem.objects.held_by(state).order_by(F("range_km").desc(nulls_last=True), "name")
            )
            state.longest_range_class = (
                RangeClass(state.longest_range_class_code) if state.longest_range_class_code else None
            )
        between = {
            (row["supplier"], row["recipient"]): row["transfers"]
            for row in Transfer.objects.filter(supplier__in=codes, recipient__in=codes)
            .order_by()
            .values("supplier", "recipient")
            .annotate(transfers=Count("pk"))
        }
        return {
            "states": states,
            "standing_rows": [
                (regime, [getattr(state, standing_annotation(regime.code)) for state in states]) for regime in regimes
            ],
            "between_rows": [
                (supplier, [(recipient, between.get((supplier.code, recipient.code), 0)) for recipient in states])
                for supplier in states
            ],
        }
