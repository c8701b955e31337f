from django.urls import path

from states import views

app_name = "states"
urlpatterns = [
    path("<str:pk>/", views.StateDetailView.as_view(), name="detail"),
]
