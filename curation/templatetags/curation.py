from django import template
from django.urls import NoReverseMatch, reverse

register = template.Library()


@register.inclusion_tag("includes/record_meta.html", takes_context=True)
def record_meta(context, record):
    """When the record last changed, and for signed-in staff a link to curate it in the admin."""
    user = context.get("user")
    curate_url = None
    if user is not None and user.is_active and user.is_staff:
        try:
            curate_url = reverse(f"admin:{record._meta.app_label}_{record._meta.model_name}_change", args=[record.pk])
        except NoReverseMatch:
            curate_url = None
    return {"record": record, "updated": getattr(record, "updated", None), "curate_url": curate_url}
