"""The permission matrix: each role, each action, on the admin and on the public site."""

import pytest

from curation.models import Revision
from missiles.models import MissileSystem
from tests.curation.conftest import system_form
from tests.factories import SourceFactory

ROLES = ["anonymous", "editor", "curator", "superuser"]
ALLOWED = {
    "view_draft": {"editor", "curator", "superuser"},
    "add": {"editor", "curator", "superuser"},
    "change": {"editor", "curator", "superuser"},
    "delete": {"curator", "superuser"},
    "publish": {"curator", "superuser"},
    "import": {"curator", "superuser"},
}


def _client(client, user):
    if user:
        client.force_login(user)
    return client


def _refused(response):
    login = response.status_code == 302 and "/login/" in response["Location"]
    return response.status_code == 403 or login


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_view_draft_only_for_staff_in_the_admin_and_never_on_the_public_site(client, user_for, nodong, role):
    nodong.is_published = False
    nodong.save()
    client = _client(client, user_for[role])
    response = client.get(f"/admin/missiles/missilesystem/{nodong.pk}/change/")
    assert (response.status_code == 200) == (role in ALLOWED["view_draft"])
    if role not in ALLOWED["view_draft"]:
        assert _refused(response)
    assert client.get(nodong.get_absolute_url()).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_add(client, user_for, north_korea, role):
    source = SourceFactory(key="csis")
    response = _client(client, user_for[role]).post("/admin/missiles/missilesystem/add/", system_form(cite=source))
    created = MissileSystem.objects.filter(name="Hwasong-12").first()
    if role in ALLOWED["add"]:
        assert response.status_code == 302, response.content[:2000]
        # An Editor's new record is a draft until a Curator publishes it.
        assert created.is_published == (role != "editor")
    else:
        assert _refused(response) and created is None


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_change(client, user_for, nodong, role):
    response = _client(client, user_for[role]).post(
        f"/admin/missiles/missilesystem/{nodong.pk}/change/", system_form(nodong, range_km="1300")
    )
    nodong.refresh_from_db()
    if role == "editor":
        # A change to a published record waits for review; the public keeps the published value.
        assert response.status_code == 302
        assert nodong.range_km == 1000
        assert Revision.objects.get().changes == {"range_km": "1300"}
    elif role in ALLOWED["change"]:
        assert response.status_code == 302 and nodong.range_km == 1300
    else:
        assert _refused(response) and nodong.range_km == 1000


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_delete(client, user_for, nodong, role):
    response = _client(client, user_for[role]).post(
        f"/admin/missiles/missilesystem/{nodong.pk}/delete/", {"post": "yes"}
    )
    exists = MissileSystem.objects.filter(pk=nodong.pk).exists()
    if role in ALLOWED["delete"]:
        assert response.status_code == 302 and not exists
    else:
        assert _refused(response) and exists


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_publish(client, user_for, nodong, role):
    nodong.is_published = False
    nodong.save()
    response = _client(client, user_for[role]).post(
        "/admin/missiles/missilesystem/", {"action": "publish_selected", "_selected_action": [nodong.pk]}
    )
    nodong.refresh_from_db()
    assert nodong.is_published == (role in ALLOWED["publish"])
    if role == "anonymous":
        assert _refused(response)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_import(client, user_for, role):
    response = _client(client, user_for[role]).get("/admin/import/")
    assert (response.status_code == 200) == (role in ALLOWED["import"])
    if role not in ALLOWED["import"]:
        assert _refused(response)


@pytest.mark.django_db
def test_editor_cannot_publish_by_ticking_the_box(client, editor, north_korea):
    client.force_login(editor)
    client.post("/admin/missiles/missilesystem/add/", system_form(is_published="on"))
    assert MissileSystem.objects.get(name="Hwasong-12").is_published is False


@pytest.mark.django_db
def test_curator_accepts_a_revision_from_the_queue(client, editor, curator, nodong):
    client.force_login(editor)
    client.post(f"/admin/missiles/missilesystem/{nodong.pk}/change/", system_form(nodong, range_km="1300"))
    revision = Revision.objects.get()
    client.force_login(curator)
    page = client.get(f"/admin/curation/revision/{revision.pk}/change/")
    assert b"1000" in page.content and b"1300" in page.content  # the field-by-field diff
    client.post("/admin/curation/revision/", {"action": "accept_selected", "_selected_action": [revision.pk]})
    nodong.refresh_from_db()
    revision.refresh_from_db()
    assert nodong.range_km == 1300 and revision.state == "accepted" and revision.reviewed_by == curator
    assert nodong.history.first().history_change_reason.startswith(f"Revision #{revision.pk}")


@pytest.mark.django_db
def test_curator_cannot_publish_a_record_without_a_source(client, curator, north_korea):
    client.force_login(curator)
    client.post("/admin/missiles/missilesystem/add/", system_form())
    assert MissileSystem.objects.get(name="Hwasong-12").is_published is False


@pytest.mark.django_db
def test_editor_cannot_accept_revisions(client, editor, nodong):
    client.force_login(editor)
    client.post(f"/admin/missiles/missilesystem/{nodong.pk}/change/", system_form(nodong, range_km="1300"))
    revision = Revision.objects.get()
    client.post("/admin/curation/revision/", {"action": "accept_selected", "_selected_action": [revision.pk]})
    nodong.refresh_from_db()
    assert nodong.range_km == 1000
