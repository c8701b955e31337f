"""The sources pages, and the footnotes every analyst page uses to cite them.

A page names its records in the order it shows them; ``Footnotes`` fetches all their
citations in one query and numbers them, so a page's query count does not grow with
its rows and the numbers run 1, 2, 3... down the page.
"""

import re
from dataclasses import dataclass

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import InvalidPage, Paginator
from django.db.models import CharField, Count, OuterRef, Q, Subquery, Value
from django.db.models.functions import Cast
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.generic import DetailView
from django_filters.views import FilterView

from missiles.models import FlightTest, MissileProgram, MissileSystem, Transfer
from regime.models import Participation, Regime, RegimeTotal
from sources.filters import MAX_QUERY, SourceFilter, valid_text  # noqa: F401 (MAX_QUERY, valid_text: re-exported)
from sources.models import Citation, Source
from states.models import State

SOURCE_KEY = re.compile(r"^[a-z0-9][a-z0-9._-]{0,79}$")


@dataclass
class Footnote:
    number: int
    citation: Citation


class Footnotes:
    """The sources of the facts on one page, as numbered footnotes.

    ``Footnotes(records, more_records, ...)`` takes the records in the order the page
    shows them, fetches every citation of them in one query, gives each distinct
    citation (source, locator, quote) the next number the first time a record cites
    it, and sets ``record.footnote_numbers`` (empty for a draft without a source) for
    ``includes/fn.html``. Iterating gives the footnotes in order for
    ``includes/footnotes.html``.
    """

    def __init__(self, *groups):
        records = [record for group in groups for record in group]
        self.notes = []
        numbers = {}
        citations = self._citations_by_record(records)
        for record in records:
            record.footnote_numbers = []
            for citation in citations.get(self._key(record), ()):
                identity = (citation.source_id, citation.locator, citation.quote)
                if identity not in numbers:
                    numbers[identity] = len(self.notes) + 1
                    self.notes.append(Footnote(numbers[identity], citation))
                if numbers[identity] not in record.footnote_numbers:
                    record.footnote_numbers.append(numbers[identity])
            record.footnote_numbers.sort()

    @staticmethod
    def _key(record):
        return ContentType.objects.get_for_model(record).pk, str(record.pk)

    def _citations_by_record(self, records):
        ids_by_type = {}
        for record in records:
            content_type, object_id = self._key(record)
            ids_by_type.setdefault(content_type, set()).add(object_id)
        if not ids_by_type:
            return {}
        cited = Q()
        for content_type, object_ids in ids_by_type.items():
            cited |= Q(content_type=content_type, object_id__in=object_ids)
        by_record = {}
        for citation in Citation.objects.filter(cited).select_related("source").order_by("source__key", "locator"):
            by_record.setdefault((citation.content_type_id, citation.object_id), []).append(citation)
        return by_record

    def __iter__(self):
        return iter(self.notes)

    def __len__(self):
        return len(self.notes)


class NotFoundPage:
    """A detail view whose unknown key answers 404 with a page that says what was not found."""

    not_found_template = "sources/not_found.html"

    def not_found_context(self):
        return {}

    def render_not_found(self):
        return render(self.request, self.not_found_template, self.not_found_context(), status=404)


class NotFoundDetailView(NotFoundPage, DetailView):
    def get(self, request, *args, **kwargs):
        try:
            self.object = self.get_object()
        except Http404:
            return self.render_not_found()
        return self.render_to_response(self.get_context_data(object=self.object))


class SourceListView(FilterView):
    filterset_class = SourceFilter
    queryset = Source.objects.with_citation_count().order_by("key")
    paginate_by = 50
    template_name = "sources/source_list.html"


@dataclass
class CitingKind:
    """One kind of record that can cite a source, as the source page groups them."""

    slug: str
    model: type
    label: str
    select_related: tuple = ()


CITING_KINDS = [
    CitingKind("states", State, "States"),
    CitingKind("regimes", Regime, "Regimes"),
    CitingKind("participations", Participation, "Regime participations", ("state", "regime")),
    CitingKind("totals", RegimeTotal, "Reported membership totals", ("regime",)),
    CitingKind("programs", MissileProgram, "Missile programs"),
    CitingKind("systems", MissileSystem, "Missile systems", ("state",)),
    CitingKind("flight-tests", FlightTest, "Flight tests", ("system", "state")),
    CitingKind("transfers", Transfer, "Transfers", ("supplier", "recipient", "system")),
]
CITING_KINDS_BY_SLUG = {kind.slug: kind for kind in CITING_KINDS}


class CitingKindForm(forms.Form):
    kind = forms.ChoiceField(
        choices=[("", "every kind")] + [(kind.slug, kind.label) for kind in CITING_KINDS],
        required=False,
        label="Kind of record",
    )


class SourceDetailView(NotFoundDetailView):
    """A source and every record that cites it, grouped by kind: the first rows of each
    kind, or with ``?kind=transfers`` every record of that kind, page by page."""

    template_name = "sources/source_detail.html"
    not_found_template = "sources/not_found.html"
    rows_per_kind = 25
    paginate_by = 100

    def get_object(self, queryset=None):
        key = self.kwargs["key"]
        if not SOURCE_KEY.match(key):
            raise Http404
        return get_object_or_404(Source, key=key)

    def not_found_context(self):
        return {"key": self.kwargs["key"][:80]}

    def _citing(self, kind):
        locator = Citation.objects.filter(
            source=self.object,
            content_type=ContentType.objects.get_for_model(kind.model),
            object_id=Cast(OuterRef("pk"), CharField()),
        ).order_by("locator")
        return (
            kind.model.objects.citing(self.object)
            .select_related(*kind.select_related)
            .annotate(locator=Subquery(locator.values("locator")[:1]))
        )

    def get_context_data(self, **kwargs):
        source = self.object
        # One query counts the citing records of every kind, through each kind's own manager
        # (which on the public site holds only published records).
        per_kind = [
            kind.model.objects.citing(source)
            .order_by()
            .values(citing_kind=Value(kind.slug, output_field=CharField()))
            .annotate(records=Count("pk"))
            .values("citing_kind", "records")
            for kind in CITING_KINDS
        ]
        counts = {row["citing_kind"]: row["records"] for row in per_kind[0].union(*per_kind[1:], all=True)}
        groups = [{"kind": kind, "count": counts[kind.slug]} for kind in CITING_KINDS if counts.get(kind.slug)]
        form = CitingKindForm(self.request.GET)
        chosen = CITING_KINDS_BY_SLUG.get(form.cleaned_data["kind"]) if form.is_valid() else None
        page_obj = None
        if chosen:
            paginator = Paginator(self._citing(chosen), self.paginate_by)
            page_obj = self._page(paginator)
            groups = [{"kind": chosen, "count": paginator.count, "records": page_obj.object_list}]
        else:
            for group in groups:
                group["records"] = list(self._citing(group["kind"])[: self.rows_per_kind])
        return super().get_context_data(
            form=form,
            groups=groups,
            chosen=chosen,
            page_obj=page_obj,
            total=sum(counts.values()),
            rows_per_kind=self.rows_per_kind,
            **kwargs,
        )

    def _page(self, paginator):
        # A page number that is not a page is a 404, as on every list (ListView's rule).
        number = self.request.GET.get("page") or 1
        if number == "last":
            number = paginator.num_pages
        try:
            return paginator.page(number)
        except InvalidPage as error:
            raise Http404("No such page.") from error
