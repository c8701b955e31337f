import pytest

from tests.factories import SystemFactory, cite


@pytest.mark.django_db
def test_record_page_shows_when_it_last_changed(client):
    system = SystemFactory(name="Nodong")
    cite(system)
    body = client.get(system.get_absolute_url()).content.decode()
    assert "Last changed" in body and f"{system.updated:%Y}" in body
    assert "Curate this record" not in body
    assert 'href="/accounts/login/' in body


@pytest.mark.django_db
def test_signed_in_staff_get_a_curate_link(client, editor):
    system = SystemFactory(name="Nodong")
    cite(system)
    client.force_login(editor)
    body = client.get(system.get_absolute_url()).content.decode()
    assert f'href="/admin/missiles/missilesystem/{system.pk}/change/"' in body
    assert "Sign out" in body


@pytest.mark.django_db
def test_sign_out_needs_a_post_with_csrf(client, editor):
    client.force_login(editor)
    assert client.get("/accounts/logout/").status_code == 405
    assert client.post("/accounts/logout/").status_code == 302
    assert "_auth_user_id" not in client.session
