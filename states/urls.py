from django.urls import path

from states import views

app_name = "states"
urlpatterns = [
    path("", views.StateListView.as_view(), name="list"),
    path("<str:code>/", views.StateDetailView.as_view(), name="detail"),
]
