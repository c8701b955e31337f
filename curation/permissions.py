PUBLISH = "curation.publish_record"
IMPORT = "curation.import_dataset"


def can_publish(user):
    """Curators (and superusers) review, publish and delete; Editors propose."""
    return user.has_perm(PUBLISH)
