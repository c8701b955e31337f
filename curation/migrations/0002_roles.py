from django.db import migrations


def create_roles(apps, schema_editor):
    from curation.roles import ensure_roles

    ensure_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("curation", "0001_curation_history_versions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("sources", "0002_curation_history_versions"),
        ("states", "0002_curation_history_versions"),
        ("regime", "0003_curation_history_versions"),
        ("missiles", "0003_curation_history_versions"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
