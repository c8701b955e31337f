"""The article's measures as rules: each takes a frozen dataclass of parameters and returns
a result (querysets or rows, and the summary numbers). The page, its CSV twin and any
future API call these functions and never re-derive them.

The rules only compose the domain's own QuerySet methods: who holds what
(``MissileSystem.objects.held_by`` / ``State.objects.with_holdings``), a state's standing on a
date (``State.objects.with_standings``, ``ParticipationQuerySet.standing_on``), a party's
standing at the time of a transfer (``Transfer.objects.with_standings``), range classes and
MTCR categories (``in_mtcr_category``, ``range_class_for``).

Partial and missing dates are never dropped: each rule says how it counts them, and rows
it cannot place for certain are marked ``uncertain`` (a partial date whose period contains
the date asked) or ``undated`` (no date recorded), and counted apart from the certain ones.
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    Min,
    OuterRef,
    Q,
    Value,
    When,
)
from django.db.models.functions import Coalesce, ExtractYear
from django.utils import timezone

from missiles.models import (
    RANGE_CLASS_BOUNDS,
    Confidence,
    FlightTest,
    MissileSystem,
    MtcrCategory,
    Notified,
    RangeClass,
    SystemKind,
    SystemStatus,
    Transfer,
    TransferKind,
    TransferStatus,
    range_class_for,
)
from regime.models import Participation, Regime, Standing, within_period
from states.models import State, standing_annotation

# Where intercontinental range begins, as the range classes define it (5,500 km).
ICBM_FROM_KM = next(low for range_class, low, _ in RANGE_CLASS_BOUNDS if range_class == RangeClass.ICBM)
# The INF Treaty's band (1987-2019), 500 km up to intercontinental range. Like the range
# classes, the lower bound is included and the upper one excluded.
INF_BAND_KM = (500, ICBM_FROM_KM)
# The Hague Code of Conduct was launched on this day: the default start of a flight-test ban.
HCOC_LAUNCH = datetime.date(2002, 11, 25)
# A ballistic missile of intercontinental range has rockets able to put a payload in orbit.
ORBITAL_CLASS_KM = ICBM_FROM_KM
# The Middle East as the zone proposals draw it, from Libya to Iran and Syria to Yemen.
MIDDLE_EAST = (
    "ARE",
    "BHR",
    "EGY",
    "IRN",
    "IRQ",
    "ISR",
    "JOR",
    "KWT",
    "LBN",
    "LBY",
    "OMN",
    "PSE",
    "QAT",
    "SAU",
    "SYR",
    "YEM",
)
# The statuses that put a supplier under the MTCR's Guidelines.
BOUND_BY_MTCR = (Standing.PARTNER, Standing.UNILATERAL_ADHERENT)
# A system with no recorded status is chosen with this value in the status parameters.
STATUS_NOT_RECORDED = "not_recorded"

HELD, UNCERTAIN, UNDATED = "held", "uncertain", "undated"


def _today_or_later(at):
    return at is None or at >= timezone.localdate()


# ---------------------------------------------------------------- who holds what, on a date


@dataclass
class Holding:
    system: MissileSystem
    how: str  # "developed" or "received"
    certainty: str  # HELD, UNCERTAIN or UNDATED
    since: str = ""  # first flight or first delivery year, as recorded


@dataclass
class HolderRow:
    state: State  # annotated with standing_<regime> on the date asked
    holdings: list = field(default_factory=list)

    @property
    def held(self):
        return [holding for holding in self.holdings if holding.certainty == HELD]

    @property
    def open_holdings(self):
        return [holding for holding in self.holdings if holding.certainty != HELD]

    @property
    def certainty(self):
        if self.held:
            return HELD
        return UNCERTAIN if any(h.certainty == UNCERTAIN for h in self.holdings) else UNDATED

    @property
    def longest_range_km(self):
        return max((h.system.range_km or 0 for h in self.holdings), default=0)

    def standing(self, regime_code):
        return getattr(self.state, standing_annotation(regime_code))


def _developed_certainty(system, at):
    """A developer holds its system from its first flight. Today the recorded status speaks
    for itself; for a past date a first flight whose period contains the date is uncertain,
    and a system with no first flight recorded is undated."""
    if _today_or_later(at):
        return HELD
    first_flight = system.first_flight_partial
    if first_flight is None:
        return UNDATED
    if not first_flight.is_exact and first_flight.contains(at):
        return UNCERTAIN
    return HELD if first_flight.first_day <= at else None


def _received_certainty(first_year, at):
    """A recipient holds a system from its first delivery year (the transfer's first year, or
    its "by" year); a date inside that year is uncertain, no year at all is undated."""
    if _today_or_later(at):
        return HELD
    if first_year is None:
        return UNDATED
    if first_year < at.year:
        return HELD
    return UNCERTAIN if first_year == at.year else None


def holders(systems, at=None, among=None, regime_codes=("MTCR", "HCOC")):
    """The states holding ``systems`` on ``at`` (default today) by the rule of
    ``MissileSystem.objects.held_by``: the developer, and every recipient of a delivered
    transfer of complete missiles. Returns HolderRows (states annotated with their standings
    on ``at``), the longest range first; only states existing on ``at``. Three queries
    however many rows."""
    systems = list(systems.select_related("state", "program").order_by("-range_km", "name"))
    by_pk = {system.pk: system for system in systems}
    holdings = defaultdict(list)
    for system in systems:
        certainty = _developed_certainty(system, at)
        if certainty:
            since = str(system.first_flight_partial) if system.first_flight else ""
            holdings[system.state_id].append(Holding(system, "developed", certainty, since))
    received = (
        Transfer.objects.filter(
            kind=TransferKind.COMPLETE_MISSILES, status=TransferStatus.DELIVERED, system__in=list(by_pk)
        )
        .order_by()
        .values("recipient", "system")
        .annotate(first_year=Min(Coalesce("year_from", "year_to")))
    )
    for row in received:
        already = {h.system.pk for h in holdings[row["recipient"]]}
        certainty = _received_certainty(row["first_year"], at)
        if certainty and row["system"] not in already:
            since = str(row["first_year"] or "")
            holdings[row["recipient"]].append(Holding(by_pk[row["system"]], "received", certainty, since))
    codes = [code for code, held in holdings.items() if held and (among is None or code in among)]
    # A state that no longer exists (the Soviet Union) holds nothing today.
    states = State.objects.filter(code__in=codes).existing_on(at or timezone.localdate())
    states = states.with_standings(regime_codes, at).order_by("name")
    rows = [HolderRow(state, holdings[state.code]) for state in states]
    rows.sort(key=lambda row: (-row.longest_range_km, row.state.name))
    return rows


def _status_q(statuses):
    recorded = [status for status in statuses if status != STATUS_NOT_RECORDED]
    return Q(status__in=recorded) | (Q(status="") if STATUS_NOT_RECORDED in statuses else Q(pk__in=[]))


def _standing_counts(rows, regime_code, members):
    standings = Counter(row.standing(regime_code) for row in rows)
    return {
        "members": sum(standings[standing] for standing in members),
        "uncertain": standings[Standing.UNCERTAIN],
    }


# ---------------------------------------------------------------- 1. range-band ban


@dataclass(frozen=True)
class RangeBandParams:
    min_range_km: int = INF_BAND_KM[0]
    max_range_km: int = INF_BAND_KM[1]  # excluded
    kinds: tuple = (SystemKind.BALLISTIC, SystemKind.CRUISE)
    statuses: tuple = (SystemStatus.DEPLOYED, SystemStatus.IN_DEVELOPMENT)
    as_of: datetime.date | None = None


@dataclass
class RangeBandResult:
    params: RangeBandParams
    rows: list  # HolderRows

    @property
    def covered(self):
        return [row for row in self.rows if row.certainty == HELD]

    @property
    def open_rows(self):
        return [row for row in self.rows if row.certainty != HELD]

    @property
    def systems(self):
        return len({h.system.pk for row in self.covered for h in row.held})

    @property
    def mtcr(self):
        return _standing_counts(self.covered, "MTCR", (Standing.PARTNER,))

    @property
    def hcoc(self):
        return _standing_counts(self.covered, "HCOC", (Standing.SUBSCRIBING_STATE,))


def range_band_systems(params):
    """The systems a ban on ``params``' band, kinds and statuses reaches (any date)."""
    return MissileSystem.objects.filter(
        range_km__gte=params.min_range_km,
        range_km__lt=params.max_range_km,
        kind__in=params.kinds,
    ).filter(_status_q(params.statuses))


def range_band_ban(params):
    return RangeBandResult(params, holders(range_band_systems(params), params.as_of))


# ---------------------------------------------------------------- 2. flight-test ban


@dataclass(frozen=True)
class FlightTestBanParams:
    start: datetime.date = HCOC_LAUNCH
    min_range_km: int = 1000
    kinds: tuple = (SystemKind.BALLISTIC,)


def _before(field, day):
    """Certainly before ``day``: its period ended before it."""
    return Q(**{f"{field}__lt": day}) & ~within_period(field, day)


@dataclass
class FrozenProgram:
    state: State
    reached: MissileSystem | None  # the longest system tested before the ban
    frozen: list  # systems longer than ``reached``, never tested before the ban (longest first)
    certainty: str

    @property
    def reached_class(self):
        return range_class_for(self.reached.range_km) if self.reached else None

    @property
    def frozen_class(self):
        return range_class_for(self.frozen[0].range_km)


@dataclass
class FlightTestBanResult:
    params: FlightTestBanParams
    breaches: object  # FlightTest queryset annotated ``breach`` (HELD or UNCERTAIN)
    by_state_year: list  # dicts: state, state__name, year, tests, uncertain
    programs: list  # FrozenProgram

    @property
    def tests(self):
        return sum(row["tests"] - row["uncertain"] for row in self.by_state_year)

    @property
    def uncertain_tests(self):
        return sum(row["uncertain"] for row in self.by_state_year)

    @property
    def states(self):
        return len({row["state"] for row in self.by_state_year if row["tests"] > row["uncertain"]})


def flight_test_ban(params):
    """Tests on or after ``start`` (the ban's first day counts) of systems of ``kinds`` whose
    range is at least ``min_range_km``. A test known only to the month or year of the start
    may fall either side: it is a breach marked uncertain."""
    covered = FlightTest.objects.filter(system__kind__in=params.kinds, system__range_km__gte=params.min_range_km)
    breaches = covered.filter(date__gte=params.start) | covered.filter(within_period("date", params.start))
    breaches = breaches.annotate(
        breach=Case(
            When(within_period("date", params.start), then=Value(UNCERTAIN)),
            default=Value(HELD),
            output_field=CharField(),
        )
    )
    by_state_year = list(
        breaches.order_by()
        .values("state", "state__name", year=ExtractYear("date"))
        .annotate(tests=Count("pk"), uncertain=Count("pk", filter=Q(breach=UNCERTAIN)))
        .order_by("state__name", "year")
    )
    return FlightTestBanResult(
        params,
        breaches.select_related("system", "state").order_by("date", "state__name", "system__name", "pk"),
        by_state_year,
        frozen_programs(params),
    )


def frozen_programs(params):
    """For each developer state, the longest system of ``kinds`` and at least ``min_range_km``:
    if it was never flown before the ban (no flight test and no first flight before
    ``start``), the ban would have frozen the state's program at the range of its longest
    system flown before. A partial date containing the start leaves it uncertain; a system
    with no flight date at all is undated."""
    tests = FlightTest.objects.filter(system=OuterRef("pk"))
    systems = (
        MissileSystem.objects.filter(kind__in=params.kinds, range_km__gte=params.min_range_km)
        # A state gone before the ban (the Soviet Union) had no program left to freeze.
        .filter(Q(state__existed_to__isnull=True) | Q(state__existed_to__gt=params.start))
        .annotate(
            flown_before=ExpressionWrapper(
                Exists(tests.filter(_before("date", params.start))) | _before("first_flight", params.start),
                output_field=BooleanField(),
            ),
            # Before the ban, possibly: a partial date containing the start, or no date at all.
            maybe_before=ExpressionWrapper(
                Exists(tests.filter(date__lt=params.start))
                | Q(first_flight__lt=params.start)
                | (Q(first_flight__isnull=True) & ~Exists(tests)),
                output_field=BooleanField(),
            ),
        )
        .select_related("state", "program")
        .order_by("state__name", "-range_km", "name")
    )
    by_state = defaultdict(list)
    for system in systems:
        by_state[system.state].append(system)
    programs = []
    for state, own in by_state.items():
        reached = next((system for system in own if system.flown_before), None)
        frozen = [
            system for system in own if not system.flown_before and (not reached or system.range_km > reached.range_km)
        ]
        if not frozen:
            continue
        undated = [s for s in frozen if s.maybe_before and s.first_flight is None]
        certainty = HELD if any(not s.maybe_before for s in frozen) else (UNDATED if undated else UNCERTAIN)
        programs.append(FrozenProgram(state, reached, frozen, certainty))
    return programs


# ---------------------------------------------------------------- 3. missile-free zone


@dataclass(frozen=True)
class ZoneParams:
    regions: tuple = ()
    states: tuple = ()  # state codes
    min_range_km: int = 300

    @property
    def is_default(self):
        return not self.regions and not self.states


# Transfers that did not happen are not barred by a zone: it would not have changed them.
NOT_HAPPENED = (TransferStatus.CANCELLED, TransferStatus.INTERDICTED)


@dataclass
class ZoneResult:
    params: ZoneParams
    zone: list  # State rows of the zone, annotated with standings today
    rows: list  # HolderRows: zone states holding covered systems
    barred: object  # Transfer queryset
    unspecified: int  # transfers into the zone naming no system: their range is unknown

    @property
    def barred_count(self):
        return self.barred.count()


def zone_states(params):
    states = State.objects.all()
    if params.is_default:
        return states.filter(code__in=MIDDLE_EAST)
    return states.filter(Q(region__in=params.regions) | Q(code__in=params.states))


def missile_free_zone(params):
    """A zone (a region, a list of states, or both together; by default the Middle East)
    where no state may hold or receive missiles of ``min_range_km`` or more. The holders
    follow ``holders`` (today; cancelled systems aside); the barred transfers are those into the zone of a system
    of that range, except cancelled and interdicted ones."""
    zone = list(zone_states(params).with_standings().order_by("name"))
    codes = [state.code for state in zone]
    # A cancelled program left nothing to hold.
    covered = MissileSystem.objects.filter(range_km__gte=params.min_range_km).exclude(status=SystemStatus.CANCELLED)
    rows = holders(covered, among=set(codes))
    into_zone = Transfer.objects.filter(recipient__in=codes).exclude(status__in=NOT_HAPPENED)
    barred = (
        into_zone.filter(system__range_km__gte=params.min_range_km)
        .with_standings()
        .select_related("supplier", "recipient", "system")
        .order_by(F("year_from").asc(nulls_last=True), "recipient__name", "supplier__name", "pk")
    )
    return ZoneResult(params, zone, rows, barred, into_zone.filter(system__isnull=True).count())


# ---------------------------------------------------------------- 4. space service initiative


@dataclass(frozen=True)
class SpaceServiceParams:
    min_range_km: int = ORBITAL_CLASS_KM
    as_of: datetime.date | None = None


@dataclass
class SpaceServiceResult:
    params: SpaceServiceParams
    rows: list  # HolderRows

    @property
    def outside_mtcr(self):
        return [row for row in self.rows if row.standing("MTCR") not in (Standing.PARTNER, Standing.UNCERTAIN)]

    @property
    def uncertain_mtcr(self):
        return [row for row in self.rows if row.standing("MTCR") == Standing.UNCERTAIN]


def space_service(params):
    """The candidates for launch services offered in exchange for forgoing missiles: states
    holding a space launch vehicle or a ballistic missile of ``min_range_km`` or more (not
    cancelled), with their standing on ``as_of``."""
    systems = MissileSystem.objects.filter(
        Q(kind=SystemKind.SPACE_LAUNCH_VEHICLE) | Q(kind=SystemKind.BALLISTIC, range_km__gte=params.min_range_km)
    ).exclude(status=SystemStatus.CANCELLED)
    return SpaceServiceResult(params, holders(systems, params.as_of))


# ---------------------------------------------------------------- 5. verification gaps


@dataclass(frozen=True)
class VerificationParams:
    as_of: datetime.date | None = None


# The launches the Hague Code asks its subscribing states to notify.
HCOC_KINDS = (SystemKind.BALLISTIC, SystemKind.SPACE_LAUNCH_VEHICLE)


@dataclass
class VerificationResult:
    params: VerificationParams
    unnotified: object  # FlightTest queryset annotated state_hcoc
    outside: list  # State rows annotated with standings: holders in no regime
    suspected_transfers: object
    suspected_tests: object
    regime_codes: tuple


def unnotified_tests():
    """Flight tests of ballistic missiles and space launch vehicles by states subscribing to
    the HCoC at the time (or uncertain: the standing on 1 January of the test's year, by the
    rule transfers use) that are not known to have been pre-notified, from the Code's launch."""
    hcoc = Participation.objects.filter(regime="HCOC")
    # No launch before the Code existed could be notified under it (a test known only to
    # November 2002 or to 2002 may have come after its launch: it stays, as uncertain).
    since_launch = Q(date__gte=HCOC_LAUNCH) | within_period("date", HCOC_LAUNCH)
    tests = FlightTest.objects.filter(since_launch, system__kind__in=HCOC_KINDS).exclude(notified=Notified.YES)
    tests = tests.annotate(
        state_hcoc=hcoc.standing_at_year_start(OuterRef("state"), ExtractYear(OuterRef("date"))),
    )
    return tests.filter(state_hcoc__in=(Standing.SUBSCRIBING_STATE, Standing.UNCERTAIN))


def verification_gaps(params):
    regime_codes = tuple(Regime.objects.order_by("code").values_list("code", flat=True))
    holding = (
        State.objects.existing_on(params.as_of or timezone.localdate())
        .with_holdings()
        .filter(systems_held__gt=0)
        .with_standings(regime_codes, params.as_of)
    )
    outside = [
        state
        for state in holding.order_by("name")
        if all(
            getattr(state, standing_annotation(code)) in (Standing.NONE, Standing.UNCERTAIN) for code in regime_codes
        )
    ]
    return VerificationResult(
        params,
        unnotified_tests().select_related("system", "state").order_by("-date", "system__name", "pk"),
        outside,
        Transfer.objects.filter(confidence=Confidence.SUSPECTED)
        .with_standings()
        .select_related("supplier", "recipient", "system")
        .order_by(F("year_from").asc(nulls_last=True), "supplier__name", "pk"),
        FlightTest.objects.filter(confirmation=Confidence.SUSPECTED)
        .select_related("system", "state")
        .order_by("-date", "system__name", "pk"),
        regime_codes,
    )


# ---------------------------------------------------------------- 6. MTCR cross-check


@dataclass(frozen=True)
class CrossCheckParams:
    first_year: int | None = None
    last_year: int | None = None


@dataclass
class CrossCheckResult:
    params: CrossCheckParams
    category_i: object  # every Category I transfer, annotated with standings
    by_standing: list  # (supplier MTCR standing, transfers)
    bound: object  # made while the supplier was a partner or adherent
    uncertain: object  # the supplier's standing at the time is uncertain
    unreached: object  # non-participant to non-participant in both regimes


def category_i_transfers():
    """Transfers of Category I items: a Category I system (any kind of transfer, production
    technology included), or MTCR Annex items 1 and 2; and production technology naming no
    system nor item, which the Annex treats as Category I when it serves such a system."""
    category_i = MissileSystem.objects.in_mtcr_category(MtcrCategory.CATEGORY_I).values("pk")
    unplaced_technology = Q(kind=TransferKind.PRODUCTION_TECHNOLOGY, system__isnull=True, annex_item__isnull=True)
    return Transfer.objects.filter(Q(annex_item__in=(1, 2)) | Q(system__in=category_i) | unplaced_technology)


def mtcr_cross_check(params):
    transfers = (
        category_i_transfers()
        .overlapping_years(params.first_year, params.last_year)
        .with_standings()
        .select_related("supplier", "recipient", "system")
        .order_by(F("year_from").asc(nulls_last=True), "supplier__name", "recipient__name", "pk")
    )
    by_standing = transfers.order_by().values("supplier_mtcr").annotate(transfers=Count("pk")).order_by("-transfers")
    none = (Standing.NONE,)
    unreached = (
        transfers.where_standing("supplier", "MTCR", none)
        .where_standing("supplier", "HCOC", none)
        .where_standing("recipient", "MTCR", none)
        .where_standing("recipient", "HCOC", none)
    )
    return CrossCheckResult(
        params,
        transfers,
        [(Standing(row["supplier_mtcr"]), row["transfers"]) for row in by_standing],
        transfers.where_standing("supplier", "MTCR", BOUND_BY_MTCR),
        transfers.where_standing("supplier", "MTCR", (Standing.UNCERTAIN,)),
        unreached,
    )
