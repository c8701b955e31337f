from django.urls import path

from regime import views

app_name = "regime"
urlpatterns = [
    path("", views.RegimeListView.as_view(), name="list"),
    path("outside/", views.OutsideView.as_view(), name="outside"),
    path("<str:code>/", views.RegimeDetailView.as_view(), name="detail"),
]
