from django.urls import path

from measures import views

app_name = "measures"
urlpatterns = [
    path("", views.MeasureIndexView.as_view(), name="index"),
    path("<slug:slug>/", views.MeasureView.as_view(), name="measure"),
    path("<slug:slug>/<slug:table>.csv", views.MeasureView.as_view(), name="csv"),
]
