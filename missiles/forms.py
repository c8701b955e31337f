from missiles.models import FlightTest, MissileProgram, MissileSystem
from states.partial_dates import PartialDateModelForm


class MissileProgramForm(PartialDateModelForm):
    partial_dates = ("start", "end")

    class Meta:
        model = MissileProgram
        fields = "__all__"


class MissileSystemForm(PartialDateModelForm):
    partial_dates = ("first_flight",)

    class Meta:
        model = MissileSystem
        fields = "__all__"


class FlightTestForm(PartialDateModelForm):
    partial_dates = ("date",)

    class Meta:
        model = FlightTest
        fields = "__all__"
