"""The API under /api/v1/: an index page for people, the schema, its interactive docs and
the read-only resources."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from api import views

app_name = "api"

router = SimpleRouter()
router.register("states", views.StateViewSet, basename="state")
router.register("regimes", views.RegimeViewSet, basename="regime")
router.register("participations", views.ParticipationViewSet, basename="participation")
router.register("regime-totals", views.RegimeTotalViewSet, basename="regime-total")
router.register("programs", views.MissileProgramViewSet, basename="program")
router.register("systems", views.MissileSystemViewSet, basename="system")
router.register("flight-tests", views.FlightTestViewSet, basename="flight-test")
router.register("transfers", views.TransferViewSet, basename="transfer")
router.register("sources", views.SourceViewSet, basename="source")

urlpatterns = [
    path("", views.ApiIndexView.as_view(), name="index"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves Swagger UI's start-up script as a file of its own: no inline script (CSP).
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    *router.urls,
    path("<path:rest>", views.not_found),
]
