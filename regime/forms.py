from regime.models import Participation, Regime, RegimeTotal
from states.partial_dates import PartialDateModelForm


class RegimeForm(PartialDateModelForm):
    partial_dates = ("established",)

    class Meta:
        model = Regime
        fields = "__all__"


class ParticipationForm(PartialDateModelForm):
    partial_dates = ("start", "end", "known_on")

    class Meta:
        model = Participation
        fields = "__all__"


class RegimeTotalForm(PartialDateModelForm):
    partial_dates = ("date",)

    class Meta:
        model = RegimeTotal
        fields = "__all__"
