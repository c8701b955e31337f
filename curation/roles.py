"""The roles: Editors add and change records and citations; Curators also review, publish,
delete and import. Superusers manage accounts. Anonymous visitors only read published data."""

DOMAIN_MODELS = {
    "sources": ["source", "citation"],
    "states": ["state"],
    "regime": ["regime", "participation", "regimetotal"],
    "missiles": ["missileprogram", "missilesystem", "flighttest", "transfer"],
}


def _codenames(actions):
    return [
        (app, f"{action}_{model}") for app, models in DOMAIN_MODELS.items() for model in models for action in actions
    ]


ROLES = {
    "Editors": _codenames(["view", "add", "change"]) + [("curation", "view_revision"), ("curation", "add_revision")],
    "Curators": _codenames(["view", "add", "change", "delete"])
    + [
        ("curation", "view_revision"),
        ("curation", "add_revision"),
        ("curation", "change_revision"),
        ("curation", "publish_record"),
        ("curation", "import_dataset"),
    ],
}


def ensure_roles(apps):
    """Create (or bring up to date) the role groups and their permissions."""
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    for name, codenames in ROLES.items():
        group, _ = group_model.objects.get_or_create(name=name)
        permissions = [
            permission_model.objects.get(content_type__app_label=app, codename=codename) for app, codename in codenames
        ]
        group.permissions.set(permissions)
