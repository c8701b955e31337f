"""What the API shows of each record. Fields are listed explicitly; a related record is
its code, name and API URL; a partial date is its partial ISO string ("1993", "1998-03",
"2002-11-25") beside its precision. Computed values (range class, MTCR category, regime
standings, membership counts) are read from the model properties and the QuerySet
annotations that compute them for the pages; no serializer re-derives a rule.
"""

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field, inline_serializer
from rest_framework import serializers

from missiles.models import FlightTest, MissileProgram, MissileSystem, MtcrCategory, RangeClass, Transfer
from regime.models import Participation, Regime, Standing
from states.models import standing_annotation

STANDING_DESCRIPTION = (
    "The state's standing: its status (the first it holds of partner, subscribing state, party, signatory, "
    "unilateral adherent, applicant), `none`, or `uncertain` when a partial or unknown date leaves it open."
)


class RecordRefSerializer(serializers.Serializer):
    """A related record: its code (or id), name and API URL."""

    code = serializers.CharField(help_text="The record's code (states, regimes, sources) or id.")
    name = serializers.CharField()
    url = serializers.URLField(help_text="The record in this API.")


def absolute(request, location):
    return request.build_absolute_uri(location) if request is not None else location


def record_ref(record, view_name, request):
    return {
        "code": str(record.pk),
        "name": str(getattr(record, "name", record)),
        "url": absolute(request, reverse(view_name, args=[record.pk])),
    }


class RecordRef(serializers.Field):
    """A related record as {code, name, url}; ``view_name`` is its API detail route."""

    # The CSV twin writes these as <field>.code, <field>.name, <field>.url.
    csv_keys = ("code", "name", "url")

    def __init__(self, view_name, **kwargs):
        self.view_name = view_name
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, record):
        return record_ref(record, self.view_name, self.context.get("request"))


# The schema of a RecordRef (drf-spectacular reads the decorator from the class).
RecordRef = extend_schema_field(RecordRefSerializer)(RecordRef)


@extend_schema_field(
    {"type": "string", "nullable": True, "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$", "example": "1998-03"}
)
class PartialDateField(serializers.Field):
    """A partial date as its partial ISO string: "1993", "1998-03" or "2002-11-25"."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        return value.isoformat()


def precision(name):
    return serializers.CharField(
        read_only=True,
        help_text=f"How much of `{name}` the source gives: year, month or day (empty when no date).",
    )


def partial(name, help_text=""):
    return PartialDateField(source=f"{name}_partial", help_text=help_text or f"{name.replace('_', ' ')}, as given.")


class CitationSerializer(serializers.Serializer):
    key = serializers.CharField(source="source.key", help_text="The source's key.")
    locator = serializers.CharField(help_text="Where in the source: page, section, footnote.")


class CitationsField(serializers.ListField):
    """The record's citations; the CSV twin writes them as `key` or `key:locator`, separated by ';'."""

    csv_tokens = True

    def __init__(self, **kwargs):
        super().__init__(child=CitationSerializer(), source="citations.all", read_only=True, **kwargs)


def sources():
    return CitationsField(help_text="The sources this record cites.")


class PageField(serializers.Field):
    """The record's page on the site (its absolute URL)."""

    def __init__(self, **kwargs):
        kwargs.update(read_only=True, source="*", help_text="The record's page on the site.")
        super().__init__(**kwargs)

    def to_representation(self, record):
        return absolute(self.context.get("request"), record.get_absolute_url())


PageField = extend_schema_field(OpenApiTypes.URI)(PageField)


@extend_schema_field(OpenApiTypes.URI)
class ApiUrlField(serializers.Field):
    """This record in the API (never carrying the request's ``format``: a CSV row links to JSON)."""

    def __init__(self, view_name, lookup="pk", **kwargs):
        self.view_name, self.lookup = view_name, lookup
        kwargs.update(read_only=True, source="*", help_text="This record in the API.")
        super().__init__(**kwargs)

    def to_representation(self, record):
        return absolute(self.context.get("request"), reverse(self.view_name, args=[getattr(record, self.lookup)]))


def api_url(view_name, lookup="pk"):
    return ApiUrlField(view_name, lookup)


# ---------------------------------------------------------------- states and regimes


class StateSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="ISO 3166-1 alpha-3 code (ISO 3166-3 for historical states).")
    name = serializers.CharField()
    region = serializers.CharField(help_text="UN M49 sub-region.")
    existed_from = partial("existed_from", "When the state came into being; null for states older than 1945.")
    existed_from_precision = precision("existed_from")
    existed_to = partial("existed_to", "When it ceased to exist; null for states that exist.")
    existed_to_precision = precision("existed_to")
    successor = RecordRef("api:state-detail", allow_null=True, help_text="The state that continues this one.")
    standing_mtcr = serializers.ChoiceField(
        choices=Standing.choices, help_text="MTCR standing today. " + STANDING_DESCRIPTION
    )
    standing_hcoc = serializers.ChoiceField(
        choices=Standing.choices, help_text="HCoC standing today. " + STANDING_DESCRIPTION
    )
    systems_held = serializers.IntegerField(
        help_text="Systems it holds: developed, or received as complete missiles in a delivered transfer."
    )
    longest_range_km = serializers.IntegerField(allow_null=True, help_text="The longest range it holds, if known.")
    longest_range_class = serializers.ChoiceField(
        source="longest_range_class_code",
        choices=[*RangeClass.choices, ("", "none known")],
        help_text="The range class of that longest range; empty when none is known.",
    )
    sources = sources()
    url = api_url("api:state-detail", "code")
    page = PageField()


class StateStandingSerializer(serializers.Serializer):
    regime = RecordRef("api:regime-detail")
    standing = serializers.ChoiceField(choices=Standing.choices, help_text=STANDING_DESCRIPTION)


class StateDetailSerializer(StateSerializer):
    as_of = serializers.DateField(help_text="The date of `standings` (the `as_of` parameter, default today).")
    standings = serializers.SerializerMethodField(help_text="The state's standing in every regime on `as_of`.")

    @extend_schema_field(StateStandingSerializer(many=True))
    def get_standings(self, state):
        return [
            {
                "regime": record_ref(regime, "api:regime-detail", self.context.get("request")),
                "standing": getattr(state, standing_annotation(regime.code)),
            }
            for regime in self.context["regimes"]
        ]


class RegimeSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Short code used in CSV files and URLs, e.g. MTCR, HCOC.")
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=Regime._meta.get_field("kind").choices)
    established = partial("established", "Founding, launch or signature date.")
    established_precision = precision("established")
    legally_binding = serializers.BooleanField(help_text="True for treaties; political commitments are not.")
    member_count = serializers.IntegerField(help_text="Members (partners, subscribing states, parties) today.")
    uncertain_count = serializers.IntegerField(help_text="Participations a partial or unknown date leaves open today.")
    sources = sources()
    url = api_url("api:regime-detail", "code")
    page = PageField()


class ParticipationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    state = RecordRef("api:state-detail")
    regime = RecordRef("api:regime-detail")
    status = serializers.ChoiceField(choices=Participation._meta.get_field("status").choices)
    start = partial("start", "When the status began; null when no source gives it (then see `known_on`).")
    start_precision = precision("start")
    end = partial("end", "When it ended; null if it still holds.")
    end_precision = precision("end")
    known_on = partial("known_on", "With an unknown start: the date by which a source shows the status held.")
    known_on_precision = precision("known_on")
    uncertain = serializers.BooleanField(
        allow_null=True,
        default=None,
        help_text="With `as_of`: true when a partial or unknown date leaves this participation open on that day. "
        "Null without `as_of`.",
    )
    sources = sources()
    url = api_url("api:participation-detail")


class RegimeTotalSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    regime = RecordRef("api:regime-detail")
    date = partial("date", "The date the source reports the total for.")
    date_precision = precision("date")
    total = serializers.IntegerField(help_text="The number of members the source reports.")
    sources = sources()
    url = api_url("api:regime-total-detail")


# ---------------------------------------------------------------- missiles


class MissileProgramSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    states = serializers.ListField(
        child=RecordRef("api:state-detail"), source="states.all", help_text="The states running it."
    )
    start = partial("start")
    start_precision = precision("start")
    end = partial("end")
    end_precision = precision("end")
    outcome = serializers.ChoiceField(choices=MissileProgram._meta.get_field("outcome").choices)
    sources = sources()
    url = api_url("api:program-detail")
    page = PageField()


class MissileSystemSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    aliases = serializers.ListField(child=serializers.CharField(), source="alias_list", help_text="Other names.")
    state = RecordRef("api:state-detail", help_text="The developer state.")
    program = RecordRef("api:program-detail", allow_null=True)
    derived_from = RecordRef("api:system-detail", allow_null=True, help_text="The system this one derives from.")
    kind = serializers.ChoiceField(choices=MissileSystem._meta.get_field("kind").choices)
    propellant = serializers.ChoiceField(choices=[*MissileSystem._meta.get_field("propellant").choices, ("", "")])
    stages = serializers.IntegerField(allow_null=True)
    range_km = serializers.IntegerField(allow_null=True, help_text="Maximum range; null if no source gives it.")
    payload_kg = serializers.IntegerField(allow_null=True, help_text="Payload at that range; null if unknown.")
    status = serializers.ChoiceField(choices=[*MissileSystem._meta.get_field("status").choices, ("", "")])
    first_flight = partial("first_flight")
    first_flight_precision = precision("first_flight")
    range_class = serializers.ChoiceField(
        choices=RangeClass.choices,
        allow_null=True,
        help_text="Computed from the range: crbm < 300 km ≤ srbm < 1,000 ≤ mrbm < 3,000 ≤ irbm < 5,500 ≤ icbm; "
        "null when the range is unknown.",
    )
    mtcr_category = serializers.ChoiceField(
        choices=MtcrCategory.choices,
        allow_null=True,
        help_text="Computed: category_i (500 kg to 300 km or more), category_ii (300 km, lighter payload), "
        "unknown (300 km, payload unknown), below_threshold (under 300 km); null when the range is unknown.",
    )
    sources = sources()
    url = api_url("api:system-detail")
    page = PageField()


class FlightTestSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    system = RecordRef("api:system-detail")
    state = RecordRef("api:state-detail", help_text="The launching state.")
    date = partial("date", "The date of the test, as given.")
    date_precision = precision("date")
    site = serializers.CharField(help_text="Launch site as the source names it.")
    apogee_km = serializers.IntegerField(allow_null=True)
    range_km = serializers.IntegerField(allow_null=True, help_text="Range reached.")
    outcome = serializers.ChoiceField(choices=FlightTest._meta.get_field("outcome").choices)
    confirmation = serializers.ChoiceField(choices=FlightTest._meta.get_field("confirmation").choices)
    notified = serializers.ChoiceField(
        choices=FlightTest._meta.get_field("notified").choices, help_text="Pre-launch notified under the HCoC."
    )
    sequence = serializers.IntegerField(help_text="1, 2, 3… for several launches the same day from the same site.")
    sources = sources()
    url = api_url("api:flight-test-detail")


def standing_then(party, regime):
    return serializers.ChoiceField(
        choices=Standing.choices,
        help_text=f"The {party}'s {regime} standing on 1 January of the transfer's first year; `uncertain` when it "
        "changed during that year or a partial or unknown date leaves it open.",
    )


class TransferSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    supplier = RecordRef("api:state-detail")
    recipient = RecordRef("api:state-detail")
    system = RecordRef("api:system-detail", allow_null=True, help_text="Null for unspecified components.")
    kind = serializers.ChoiceField(choices=Transfer._meta.get_field("kind").choices)
    annex_item = serializers.IntegerField(allow_null=True, help_text="MTCR Annex item (1-20), if known.")
    description = serializers.CharField()
    quantity = serializers.IntegerField(allow_null=True)
    quantity_estimated = serializers.BooleanField(help_text="The source gives the quantity as an estimate.")
    year_from = serializers.IntegerField(allow_null=True, help_text="First year; null if no source gives it.")
    year_to = serializers.IntegerField(allow_null=True, help_text="Last year; null for a single year.")
    status = serializers.ChoiceField(choices=Transfer._meta.get_field("status").choices)
    confidence = serializers.ChoiceField(choices=Transfer._meta.get_field("confidence").choices)
    supplier_mtcr = standing_then("supplier", "MTCR")
    supplier_hcoc = standing_then("supplier", "HCoC")
    recipient_mtcr = standing_then("recipient", "MTCR")
    recipient_hcoc = standing_then("recipient", "HCoC")
    sources = sources()
    url = api_url("api:transfer-detail")
    page = PageField()


# ---------------------------------------------------------------- sources


class SourceSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="Short stable identifier used in CSV files.")
    title = serializers.CharField()
    author = serializers.CharField()
    publisher = serializers.CharField()
    year = serializers.IntegerField(allow_null=True)
    link = serializers.CharField(source="url", help_text="Where to read the source, if online.")
    citation_count = serializers.IntegerField(help_text="Citations of any record pointing to this source.")
    url = api_url("api:source-detail", "key")
    page = PageField()


# The bodies of error responses, for the schema.
ValidationErrorSerializer = inline_serializer(
    "ValidationError",
    {
        "errors": serializers.DictField(
            child=serializers.ListField(child=serializers.CharField()),
            help_text="For each invalid parameter, what is wrong with it.",
        )
    },
)
DetailErrorSerializer = inline_serializer(
    "Error", {"detail": serializers.CharField(help_text="What went wrong, in words.")}
)
