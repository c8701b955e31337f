"""Pagination of every API list.

Lists are paged by number (``?page=2&page_size=100``, at most ``MAX_PAGE_SIZE`` rows a
page). The transfer register, the one list that grows large, is paged by a cursor over
the transfer id instead (keyset pagination): a deep page costs what the first costs, and
a page never skips or repeats a transfer when records are added meanwhile. Its JSON pages
therefore come in id order whatever ``ordering`` says; the CSV twin, which is not paged,
follows the same id order so that the two agree.
"""

from rest_framework.pagination import CursorPagination, PageNumberPagination

PAGE_SIZE = 50
MAX_PAGE_SIZE = 500
PAGE_SIZE_DESCRIPTION = (
    f"Rows per page, 1 to {MAX_PAGE_SIZE} (default {PAGE_SIZE}); a larger number gives {MAX_PAGE_SIZE}."
)


class PagePagination(PageNumberPagination):
    page_size = PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    page_query_description = "Page number, from 1; `last` for the last page. A page that does not exist is a 404."
    page_size_query_description = PAGE_SIZE_DESCRIPTION


class TransferCursorPagination(CursorPagination):
    page_size = PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    # The id is unique and indexed, so the cursor is a plain "id > last seen" seek.
    ordering = ("id",)
    cursor_query_description = (
        "Opaque position in the register, taken from the `next` or `previous` link of a page. "
        "Transfers come in id order (keyset pagination); a cursor that is not valid is a 404."
    )
    page_size_query_description = PAGE_SIZE_DESCRIPTION
