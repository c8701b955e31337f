from django.urls import path

from missiles import views

app_name = "missiles"
urlpatterns = [
    path("systems/", views.MissileSystemListView.as_view(), name="systems"),
    path("systems/<int:pk>/", views.MissileSystemDetailView.as_view(), name="system"),
    path("programs/", views.MissileProgramListView.as_view(), name="programs"),
    path("programs/<int:pk>/", views.MissileProgramDetailView.as_view(), name="program"),
    path("transfers/", views.TransferListView.as_view(), name="transfers"),
    path("transfers.csv", views.TransferCsvView.as_view(), name="transfers_csv"),
    path("transfers/matrix/", views.TransferMatrixView.as_view(), name="transfer_matrix"),
    path("transfers/<int:pk>/", views.TransferDetailView.as_view(), name="transfer"),
    path("flight-tests/", views.FlightTestListView.as_view(), name="flight_tests"),
    path("flight-tests.csv", views.FlightTestCsvView.as_view(), name="flight_tests_csv"),
]
