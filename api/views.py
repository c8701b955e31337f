"""The read-only JSON API (with CSV twins of every list).

Each list uses the FilterSet of its HTML list (the same class, so the same filters and
the same validation), and each queryset is built per request: the managers of cited
records decide per request which records the reader may see (drafts never leak).
"""

from django.db.models import F, Prefetch
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, viewsets
from rest_framework.decorators import api_view, schema
from rest_framework.renderers import JSONRenderer
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler

from api import examples, serializers
from api.pagination import MAX_PAGE_SIZE, PAGE_SIZE, KeysetPagination, PagePagination
from api.renderers import CSVRenderer, stream_csv
from missiles.filters import FlightTestFilter, MissileProgramFilter, MissileSystemFilter, TransferFilter
from missiles.models import FlightTest, MissileProgram, MissileSystem, Transfer
from missiles.views import FLIGHT_TEST_ORDER, REGISTER_ORDER
from regime.filters import ParticipationFilter, RegimeTotalFilter
from regime.forms import AsOfForm
from regime.models import Participation, Regime, RegimeTotal
from sources.filters import SourceFilter
from sources.models import Citation, Source
from states.filters import StateFilter
from states.models import State

FORMAT_PARAMETER = OpenApiParameter(
    "format",
    OpenApiTypes.STR,
    enum=["json", "csv"],
    description="`json` (default) or `csv`, the same as sending `Accept: text/csv`. CSV is not paged: it holds "
    "every row that matches the filters, streamed, with related records flattened into `<field>.code`, "
    "`<field>.name` and `<field>.url` columns and lists joined by `;`.",
)
ERRORS = {
    404: OpenApiResponse(serializers.DetailErrorSerializer, description="No such record, page or format."),
    406: OpenApiResponse(
        serializers.DetailErrorSerializer,
        description="The `Accept` header asks for no format the API serves (JSON, CSV).",
    ),
    429: OpenApiResponse(
        serializers.DetailErrorSerializer,
        description="Too many requests from this client: wait the seconds the `Retry-After` header gives.",
    ),
}
LIST_ERRORS = {
    400: OpenApiResponse(
        serializers.ValidationErrorSerializer,
        description="A filter is not valid: `errors` names each parameter and its problem.",
    ),
    **ERRORS,
}


def api_exception_handler(exc, context):
    """DRF's handler, with filter errors as {"errors": {"parameter": ["problem"]}} and every
    error in JSON, even when the request asked for CSV."""
    response = exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        errors = response.data if isinstance(response.data, dict) else {"non_field_errors": response.data}
        response.data = {"errors": errors}
    request = context.get("request")
    if request is not None:
        request.accepted_renderer = JSONRenderer()
        request.accepted_media_type = JSONRenderer.media_type
    return response


def with_citations(queryset):
    """The records' citations and their sources, two queries for a whole page."""
    return queryset.prefetch_related(
        Prefetch("citations", queryset=Citation.objects.select_related("source").order_by("source__key", "locator"))
    )


class ReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    """A list with its CSV twin, and a detail."""

    filter_backends = [DjangoFilterBackend]
    renderer_classes = [JSONRenderer, CSVRenderer]
    pagination_class = PagePagination
    # Any text up to the next slash reaches the view (which answers 404 in JSON), never
    # Django's HTML 404 for a URL that does not match ("/systems/1.5/").
    lookup_value_regex = "[^/]+"
    csv_filename = None

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        if isinstance(request.accepted_renderer, CSVRenderer):
            return stream_csv(self.get_serializer(), queryset, self.csv_filename)
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def filter_queryset(self, queryset):
        # The filters are the list's: a detail is found by its key alone.
        return super().filter_queryset(queryset) if self.action == "list" else queryset


def list_schema(serializer, resource, description, extra_parameters=()):
    return extend_schema(
        summary=f"List {resource}",
        description=description,
        parameters=[FORMAT_PARAMETER, *extra_parameters],
        responses={200: serializer(many=True), **LIST_ERRORS},
    )


def detail_schema(serializer, resource, description="", parameters=(), errors=None):
    return extend_schema(
        summary=f"One {resource}",
        description=description,
        parameters=[FORMAT_PARAMETER, *parameters],
        responses={200: serializer, **(errors or ERRORS)},
    )


# ---------------------------------------------------------------- states and regimes

AS_OF_PARAMETER = OpenApiParameter(
    "as_of",
    OpenApiTypes.DATE,
    description="The day asked about, YYYY-MM-DD between 1900-01-01 and 2100-12-31; default today. A partial date "
    "counts from the first day of its period, and a day inside the period of a partial start or end gives "
    "`uncertain`.",
)


@extend_schema_view(
    list=list_schema(
        serializers.StateSerializer,
        "states",
        "States with their MTCR and HCoC standing today and the longest range class they hold, filtered as "
        "the states directory is (`/states/`).",
    ),
    retrieve=detail_schema(
        serializers.StateDetailSerializer,
        "state",
        "A state with its standing in every regime on `as_of` (default today).",
        parameters=[AS_OF_PARAMETER],
        errors=LIST_ERRORS,
    ),
)
class StateViewSet(ReadOnlyViewSet):
    serializer_class = serializers.StateSerializer
    filterset_class = StateFilter
    lookup_field = "code"
    csv_filename = "containment-states.csv"

    def get_queryset(self):
        return with_citations(
            State.objects.select_related("successor").with_standings(("MTCR", "HCOC")).with_holdings().order_by("name")
        )

    def get_serializer_class(self):
        return serializers.StateDetailSerializer if self.action == "retrieve" else serializers.StateSerializer

    def retrieve(self, request, *args, **kwargs):
        form = AsOfForm(request.query_params)
        if not form.is_valid():
            raise exceptions.ValidationError(form.errors)
        self.as_of = form.cleaned_data["as_of"] or timezone.localdate()
        self.regimes = list(Regime.objects.order_by("established", "code"))
        return super().retrieve(request, *args, **kwargs)

    def get_object(self):
        code = self.kwargs["code"]
        states = with_citations(
            State.objects.select_related("successor")
            .with_standings([regime.code for regime in self.regimes], self.as_of)
            .with_holdings()
        )
        state = states.filter(code=code.upper()[:3]).first() if len(code) == 3 else None
        if state is None:
            raise exceptions.NotFound("No state has this code.")
        state.as_of = self.as_of
        return state

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "regimes": getattr(self, "regimes", [])}


@extend_schema_view(
    list=list_schema(
        serializers.RegimeSerializer,
        "regimes",
        "Regimes with their members today, as on the regimes page (`/regimes/`).",
    ),
    retrieve=detail_schema(serializers.RegimeSerializer, "regime"),
)
class RegimeViewSet(ReadOnlyViewSet):
    serializer_class = serializers.RegimeSerializer
    lookup_field = "code"
    filter_backends = []
    csv_filename = "containment-regimes.csv"

    def get_queryset(self):
        return with_citations(
            Regime.objects.with_member_count().order_by(F("established").asc(nulls_last=True), "code")
        )

    def get_object(self):
        regime = self.get_queryset().filter(code=self.kwargs["code"].upper()[:12]).first()
        if regime is None:
            raise exceptions.NotFound("No regime has this code.")
        return regime


@extend_schema_view(
    list=list_schema(
        serializers.ParticipationSerializer,
        "participations",
        "States' participations in regimes, with the filters of a regime's page (`/regimes/MTCR/`): with "
        "`as_of`, who was in on that day (in force, or left open by a partial date: then `uncertain` is true).",
    ),
    retrieve=detail_schema(serializers.ParticipationSerializer, "participation"),
)
class ParticipationViewSet(ReadOnlyViewSet):
    serializer_class = serializers.ParticipationSerializer
    filterset_class = ParticipationFilter
    csv_filename = "containment-participations.csv"

    def get_queryset(self):
        return with_citations(
            Participation.objects.select_related("state", "regime").order_by(
                "regime", F("start").asc(nulls_last=True), "state__name", "pk"
            )
        )


@extend_schema_view(
    list=list_schema(
        serializers.RegimeTotalSerializer, "regime totals", "Membership totals as sources report them on a date."
    ),
    retrieve=detail_schema(serializers.RegimeTotalSerializer, "regime total"),
)
class RegimeTotalViewSet(ReadOnlyViewSet):
    serializer_class = serializers.RegimeTotalSerializer
    filterset_class = RegimeTotalFilter
    csv_filename = "containment-regime-totals.csv"

    def get_queryset(self):
        return with_citations(RegimeTotal.objects.select_related("regime").order_by("regime", "date", "total", "pk"))


# ---------------------------------------------------------------- missiles


@extend_schema_view(
    list=list_schema(
        serializers.MissileProgramSerializer,
        "missile programs",
        "Missile programs, filtered as on `/missiles/programs/`.",
    ),
    retrieve=detail_schema(serializers.MissileProgramSerializer, "missile program"),
)
class MissileProgramViewSet(ReadOnlyViewSet):
    serializer_class = serializers.MissileProgramSerializer
    filterset_class = MissileProgramFilter
    csv_filename = "containment-programs.csv"

    def get_queryset(self):
        return with_citations(
            MissileProgram.objects.prefetch_related(Prefetch("states", queryset=State.objects.order_by("code")))
        ).order_by("name", "pk")


@extend_schema_view(
    list=list_schema(
        serializers.MissileSystemSerializer,
        "missile systems",
        "The missile catalogue, filtered as on `/missiles/systems/`, with each system's range class and MTCR "
        "category computed from its range and payload.",
    ),
    retrieve=detail_schema(serializers.MissileSystemSerializer, "missile system"),
)
class MissileSystemViewSet(ReadOnlyViewSet):
    serializer_class = serializers.MissileSystemSerializer
    filterset_class = MissileSystemFilter
    csv_filename = "containment-systems.csv"

    def get_queryset(self):
        return with_citations(
            MissileSystem.objects.select_related("state", "program", "derived_from").order_by("name", "pk")
        )


@extend_schema_view(
    list=list_schema(
        serializers.FlightTestSerializer,
        "flight tests",
        "Flight tests, filtered as on `/missiles/flight-tests/`, newest first.",
    ),
    retrieve=detail_schema(serializers.FlightTestSerializer, "flight test"),
)
class FlightTestViewSet(ReadOnlyViewSet):
    serializer_class = serializers.FlightTestSerializer
    filterset_class = FlightTestFilter
    csv_filename = "containment-flight-tests.csv"

    def get_queryset(self):
        return with_citations(FlightTest.objects.select_related("system", "state").order_by(*FLIGHT_TEST_ORDER))


@extend_schema_view(
    list=list_schema(
        serializers.TransferSerializer,
        "transfers",
        "The transfer register, filtered as on `/missiles/transfers/`, with each party's MTCR and HCoC standing "
        "at the time of the transfer, in the register's order (or `ordering`'s). Paged by a cursor holding the "
        "last row's sort keys (follow `next` or `previous`), so deep pages cost what the first does; the CSV "
        "comes in the same order.",
        extra_parameters=[
            OpenApiParameter(
                "ordering",
                OpenApiTypes.STR,
                description="Sort as on the register's page: years, supplier, recipient, system, kind, quantity, "
                "status, confidence, supplier_mtcr or recipient_hcoc; `-` before a name for descending. Unknown "
                "values come last either way and the id breaks ties. Default: years, then supplier and recipient.",
            )
        ],
    ),
    retrieve=detail_schema(serializers.TransferSerializer, "transfer"),
)
class TransferViewSet(ReadOnlyViewSet):
    serializer_class = serializers.TransferSerializer
    filterset_class = TransferFilter
    pagination_class = KeysetPagination
    csv_filename = "containment-transfers.csv"

    def get_queryset(self):
        return with_citations(
            Transfer.objects.with_standings()
            .select_related("supplier", "recipient", "system")
            .order_by(*REGISTER_ORDER)
        )


# ---------------------------------------------------------------- sources


@extend_schema_view(
    list=list_schema(
        serializers.SourceSerializer, "sources", "The sources every record cites, filtered as on `/sources/`."
    ),
    retrieve=detail_schema(serializers.SourceSerializer, "source"),
)
class SourceViewSet(ReadOnlyViewSet):
    serializer_class = serializers.SourceSerializer
    filterset_class = SourceFilter
    lookup_field = "key"
    csv_filename = "containment-sources.csv"

    def get_queryset(self):
        return Source.objects.with_citation_count().order_by("key")


@api_view(["GET"])
@schema(None)
def not_found(request, rest=""):
    """Any other URL under the API: a 404 in JSON, like the API's own."""
    raise exceptions.NotFound("There is no such API endpoint: see /api/v1/docs/.")


class ApiIndexView(TemplateView):
    """The API page for people: what there is, how to ask, examples."""

    template_name = "api/index.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page_size=PAGE_SIZE,
            max_page_size=MAX_PAGE_SIZE,
            throttle_rate=api_settings.DEFAULT_THROTTLE_RATES["anon"],
            endpoints=[(name, reverse(f"api:{basename}-list"), page) for name, basename, page in ENDPOINTS],
            curl_example=examples.CURL,
            python_example=examples.PYTHON,
            **kwargs,
        )


# (what, API basename, the page on the site whose filters it takes)
ENDPOINTS = [
    ("States", "state", "/states/"),
    ("Regimes", "regime", "/regimes/"),
    ("Participations", "participation", "/regimes/MTCR/"),
    ("Regime totals", "regime-total", None),
    ("Missile programs", "program", "/missiles/programs/"),
    ("Missile systems", "system", "/missiles/systems/"),
    ("Flight tests", "flight-test", "/missiles/flight-tests/"),
    ("Transfers", "transfer", "/missiles/transfers/"),
    ("Sources", "source", "/sources/"),
]
