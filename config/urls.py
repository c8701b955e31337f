from django.contrib import admin
from django.urls import include, path

from config import views

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("compare/", views.CompareView.as_view(), name="compare"),
    path("states/", include("states.urls")),
    path("regimes/", include("regime.urls")),
    path("missiles/", include("missiles.urls")),
    path("sources/", include("sources.urls")),
    path("admin/", admin.site.urls),
]
