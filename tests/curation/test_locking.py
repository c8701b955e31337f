"""No lost updates: the second of two concurrent edits is refused with what changed meanwhile."""

import pytest
from django.test import Client

from missiles.models import MissileSystem
from sources.models import StaleRecord
from tests.curation.conftest import system_form


@pytest.mark.django_db
def test_second_concurrent_edit_is_refused_and_the_first_is_kept(curator, superuser, nodong):
    first, second = Client(), Client()
    first.force_login(curator)
    second.force_login(superuser)
    url = f"/admin/missiles/missilesystem/{nodong.pk}/change/"
    # Both open the form at version 1.
    seen_by_both = MissileSystem.objects.get(pk=nodong.pk)
    assert first.get(url).status_code == second.get(url).status_code == 200

    first.post(url, system_form(seen_by_both, range_km="1300", change_reason="first"))
    response = second.post(url, system_form(seen_by_both, payload_kg="700", change_reason="second"))

    assert response.status_code == 200
    text = response.content.decode()
    assert "Someone else saved this record while you were editing it" in text
    assert "range_km" in text and "1000" in text and "1300" in text  # what changed meanwhile
    nodong.refresh_from_db()
    assert (nodong.range_km, nodong.payload_kg) == (1300, None)  # nothing of the first is lost


@pytest.mark.django_db
def test_stale_save_is_refused_by_the_model_too(nodong):
    copy = MissileSystem.objects.get(pk=nodong.pk)
    nodong.range_km = 1300
    nodong.save()
    copy.payload_kg = 700
    with pytest.raises(StaleRecord):
        copy.save()
    nodong.refresh_from_db()
    assert (nodong.range_km, nodong.payload_kg, nodong.version) == (1300, None, 2)
