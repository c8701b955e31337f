from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from config import views
from curation.views import import_view

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("compare/", views.CompareView.as_view(), name="compare"),
    path("states/", include("states.urls")),
    path("regimes/", include("regime.urls")),
    path("missiles/", include("missiles.urls")),
    path("sources/", include("sources.urls")),
    path("measures/", include("measures.urls")),
    path("api/v1/", include("api.urls")),
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/import/", admin.site.admin_view(import_view), name="curation_import"),
    path("admin/", admin.site.urls),
]
