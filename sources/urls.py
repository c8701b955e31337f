from django.urls import path

from sources import views

app_name = "sources"
urlpatterns = [
    path("<str:key>/", views.SourceDetailView.as_view(), name="detail"),
]
