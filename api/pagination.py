"""Pagination of every API list.

Lists are paged by number (``?page=2&page_size=100``, at most ``MAX_PAGE_SIZE`` rows a
page). The transfer register, the one list that grows large, is paged by a cursor over
the sort keys of the last row instead (keyset pagination, ``KeysetPagination``), in the
order ``ordering`` chose: a deep page costs what the first costs, and a page never skips
or repeats a transfer when records are added meanwhile. The CSV twin, which is not paged,
comes in the same order.
"""

import datetime

from django.core import signing
from django.core.exceptions import ImproperlyConfigured
from django.db.models import F, Q
from django.db.models.expressions import OrderBy
from rest_framework.exceptions import NotFound
from rest_framework.pagination import CursorPagination, PageNumberPagination
from rest_framework.utils.urls import replace_query_param

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


class KeysetPagination(CursorPagination):
    """Pages in the order the list's filters chose (``ordering``), by a cursor that holds the
    sort keys of the row a page ended on: the next page is the rows after those keys (a seek
    on the keys, never an offset), so a deep page costs what the first does and rows added
    meanwhile never make a page skip or repeat one. Every sort key puts unknown values last,
    as the site's lists do, and the primary key ends the keys so that they are unique.

    The cursor is signed: one that was altered, or made for another ``ordering``, is a 404.
    """

    page_size = PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    cursor_query_description = (
        "Opaque position in the list, taken from the `next` or `previous` link of a page (with the same "
        "`ordering`); a cursor that is not valid is a 404."
    )
    page_size_query_description = PAGE_SIZE_DESCRIPTION
    invalid_cursor_message = "This cursor is not valid for this list and ordering: start again from the first page."
    salt = "api.pagination.keyset"

    def paginate_queryset(self, queryset, request, view=None):
        self.request, self.base_url = request, request.build_absolute_uri()
        self.page_size = self.get_page_size(request)
        self.keys = sort_keys(queryset)
        backwards, values = self.decode_cursor(request) or (False, None)
        if values is not None:
            queryset = queryset.filter(seek(self.keys, values, backwards))
        rows = list(queryset.order_by(*ordering(self.keys, backwards))[: self.page_size + 1])
        more = len(rows) > self.page_size
        self.page = rows[: self.page_size][::-1] if backwards else rows[: self.page_size]
        # Going forward, a page reached by a cursor has rows before it; going back, rows after it.
        self.has_next = more if not backwards else True
        self.has_previous = more if backwards else values is not None
        if not self.page:
            self.has_next = self.has_previous = False
        return self.page

    def get_next_link(self):
        return self.encode_cursor((False, key_values(self.page[-1], self.keys))) if self.has_next else None

    def get_previous_link(self):
        return self.encode_cursor((True, key_values(self.page[0], self.keys))) if self.has_previous else None

    def decode_cursor(self, request):
        encoded = request.query_params.get(self.cursor_query_param)
        if not encoded:
            return None
        try:
            cursor = signing.loads(encoded, salt=self.salt)
        except signing.BadSignature:
            raise NotFound(self.invalid_cursor_message) from None
        if cursor.get("keys") != key_names(self.keys):
            raise NotFound(self.invalid_cursor_message)
        return cursor["backwards"], cursor["values"]

    def encode_cursor(self, cursor):
        backwards, values = cursor
        token = signing.dumps({"keys": key_names(self.keys), "backwards": backwards, "values": values}, salt=self.salt)
        return replace_query_param(self.base_url, self.cursor_query_param, token)


def sort_keys(queryset):
    """The queryset's ordering as (field path, descending) pairs, ending with the primary key."""
    keys = []
    for item in queryset.query.order_by:
        if isinstance(item, str):
            name, descending = item.removeprefix("-"), item.startswith("-")
        elif isinstance(item, OrderBy) and isinstance(item.expression, F):
            name, descending = item.expression.name, item.descending
        else:
            raise ImproperlyConfigured(f"Keyset pagination cannot seek on {item!r}: order by field names.")
        keys.append(("pk" if name == "id" else name, descending))
    if ("pk", False) not in keys and ("pk", True) not in keys:
        keys.append(("pk", False))
    return keys


def key_names(keys):
    return ["-" + name if descending else name for name, descending in keys]


def ordering(keys, backwards=False):
    """Unknown values last reading forward (so first reading backwards), on every database."""
    nulls = {"nulls_first": True} if backwards else {"nulls_last": True}
    return [F(name).desc(**nulls) if descending != backwards else F(name).asc(**nulls) for name, descending in keys]


def key_values(row, keys):
    """The row's value of each sort key, following relations ("supplier__name")."""
    values = []
    for name, _ in keys:
        value = row
        for attribute in name.split("__"):
            value = getattr(value, attribute) if value is not None else None
        values.append(value.isoformat() if isinstance(value, datetime.date) else value)
    return values


def seek(keys, values, backwards):
    """The rows after the one whose sort keys are ``values`` (before it, reading backwards):
    equal on the first keys and beyond on the next, for each key in turn. Unknown (null)
    values sort after every known one."""
    condition, equal = Q(pk__in=[]), Q()
    for (name, descending), value in zip(keys, values, strict=True):
        if value is None:
            beyond = Q(**{f"{name}__isnull": False}) if backwards else Q(pk__in=[])
            same = Q(**{f"{name}__isnull": True})
        else:
            lookup = "lt" if descending != backwards else "gt"
            beyond = Q(**{f"{name}__{lookup}": value})
            if not backwards:
                beyond |= Q(**{f"{name}__isnull": True})
            same = Q(**{name: value})
        condition |= equal & beyond
        equal &= same
    return condition
