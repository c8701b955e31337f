from django.views.generic import DetailView, ListView

from sources.models import Source


class SourceListView(ListView):
    model = Source
    paginate_by = 50


class SourceDetailView(DetailView):
    model = Source
    slug_field = slug_url_kwarg = "key"
