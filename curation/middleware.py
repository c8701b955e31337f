from django.conf import settings

from sources.visibility import public_only


class PublicOnlyMiddleware:
    """Outside the admin, serve only published records: drafts and pending revisions
    never reach public pages, CSV/JSON exports, search results or counts."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.private_prefixes = tuple(settings.CURATION_PRIVATE_PATHS)

    def __call__(self, request):
        public = not request.path.startswith(self.private_prefixes)
        with public_only(public):
            response = self.get_response(request)
        if public and response.streaming:
            response.streaming_content = _public_stream(response.streaming_content)
        return response


def _public_stream(content):
    # A streamed export is read after the view returned: keep the public filter on while it runs.
    with public_only():
        yield from content
