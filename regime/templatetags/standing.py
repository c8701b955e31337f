from django import template
from django.utils.html import format_html

from regime.models import Standing

register = template.Library()


@register.simple_tag
def standing_badge(value):
    """A state's standing in a regime as a labelled badge; ``uncertain`` is never shown as yes or no."""
    if not value:
        return ""
    label = Standing(value).label if value in Standing.values else value
    title = "The standing changed during that year, or a partial date leaves it open." if value == "uncertain" else ""
    return format_html('<span class="badge {}" title="{}">{}</span>', value, title, label)
