from django.urls import path

from missiles import views

app_name = "missiles"
urlpatterns = [
    path("systems/<int:pk>/", views.MissileSystemDetailView.as_view(), name="system"),
    path("programs/<int:pk>/", views.MissileProgramDetailView.as_view(), name="program"),
    path("transfers/<int:pk>/", views.TransferDetailView.as_view(), name="transfer"),
]
