"""Audit history: every change keeps who, when, what and why; a revert restores."""

import pytest

from missiles.models import MissileSystem
from tests.curation.conftest import system_form


@pytest.mark.django_db
def test_change_then_revert_restores_values_and_keeps_the_reason(client, curator, nodong):
    client.force_login(curator)
    client.post(
        f"/admin/missiles/missilesystem/{nodong.pk}/change/",
        system_form(nodong, range_km="1300", change_reason="CSIS gives 1,300 km"),
    )
    nodong.refresh_from_db()
    assert nodong.range_km == 1300
    latest, original = nodong.history.all()[:2]
    assert latest.history_change_reason == "CSIS gives 1,300 km"
    assert latest.history_user == curator
    assert [change.field for change in latest.diff_against(original).changes] == ["range_km"]

    history_page = client.get(f"/admin/missiles/missilesystem/{nodong.pk}/history/")
    assert history_page.status_code == 200 and b"CSIS gives 1,300 km" in history_page.content

    # Revert to the original through the admin's history view.
    revert_url = f"/admin/missiles/missilesystem/{nodong.pk}/history/{original.history_id}/"
    assert client.get(revert_url).status_code == 200
    client.post(
        revert_url,
        system_form(
            MissileSystem.objects.get(pk=nodong.pk), range_km="1000", change_reason="Revert: CSIS figure disputed"
        ),
    )
    nodong.refresh_from_db()
    assert nodong.range_km == 1000
    assert nodong.history.first().history_change_reason == "Revert: CSIS figure disputed"


@pytest.mark.django_db
def test_change_without_a_reason_is_refused(client, curator, nodong):
    client.force_login(curator)
    response = client.post(
        f"/admin/missiles/missilesystem/{nodong.pk}/change/", system_form(nodong, range_km="1300", change_reason="")
    )
    assert response.status_code == 200 and b"This field is required" in response.content
    nodong.refresh_from_db()
    assert nodong.range_km == 1000
