import datetime

import factory

from missiles.models import (
    Confidence,
    FlightTest,
    MissileProgram,
    MissileSystem,
    Outcome,
    SystemKind,
    Transfer,
    TransferKind,
)
from regime.models import Participation, Regime, RegimeKind, Status
from sources.models import Citation, Source
from states.models import State
from states.partial_dates import Precision


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source
        django_get_or_create = ["key"]

    key = factory.Sequence(lambda n: f"source-{n}")
    title = factory.Sequence(lambda n: f"Source number {n}")


class StateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = State
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: "X" + chr(65 + n // 26 % 26) + chr(65 + n % 26))
    name = factory.LazyAttribute(lambda state: f"State {state.code}")
    region = "Western Asia"


class RegimeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Regime
        django_get_or_create = ["code"]

    code = "MTCR"
    name = factory.LazyAttribute(lambda regime: f"Regime {regime.code}")
    kind = RegimeKind.EXPORT_CONTROL_REGIME


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participation

    state = factory.SubFactory(StateFactory)
    regime = factory.SubFactory(RegimeFactory)
    status = Status.PARTNER
    start = datetime.date(1995, 6, 1)
    start_precision = Precision.DAY


class ProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MissileProgram

    name = factory.Sequence(lambda n: f"Program {n}")
    outcome = Outcome.ACTIVE


class SystemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MissileSystem

    name = factory.Sequence(lambda n: f"System {n}")
    state = factory.SubFactory(StateFactory)
    kind = SystemKind.BALLISTIC
    range_km = 300
    payload_kg = 1000


class FlightTestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FlightTest

    system = factory.SubFactory(SystemFactory)
    state = factory.SelfAttribute("system.state")
    date = datetime.date(1998, 4, 6)
    date_precision = Precision.DAY


class TransferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Transfer

    supplier = factory.SubFactory(StateFactory)
    recipient = factory.SubFactory(StateFactory)
    system = factory.SubFactory(SystemFactory)
    kind = TransferKind.COMPLETE_MISSILES
    year_from = 1990
    confidence = Confidence.CONFIRMED


def cite(record, source=None, locator=""):
    return Citation.objects.create(record=record, source=source or SourceFactory(), locator=locator)
