"""A draft never appears on public pages, CSV exports, search results or counts."""

import pytest

from curation.models import Revision
from missiles.models import Transfer
from tests.factories import StateFactory, SystemFactory, TransferFactory, cite


@pytest.fixture
def draft_world(db):
    north_korea = StateFactory(code="PRK", name="North Korea")
    iran = StateFactory(code="IRN", name="Iran")
    published = SystemFactory(name="Nodong", aliases="Rodong", state=north_korea)
    draft = SystemFactory(name="Secretmissile", aliases="Hiddenalias", state=north_korea, is_published=False)
    shown = TransferFactory(supplier=north_korea, recipient=iran, system=published, description="Shown transfer")
    hidden = TransferFactory(
        supplier=north_korea,
        recipient=iran,
        system=published,
        description="Draftdescription",
        year_from=1999,
        is_published=False,
    )
    for record in (published, draft, shown, hidden):
        cite(record)
    return {"draft_system": draft, "draft_transfer": hidden, "system": published}


@pytest.mark.django_db
def test_draft_system_page_is_not_found(client, draft_world):
    assert client.get(draft_world["draft_system"].get_absolute_url()).status_code == 404
    assert client.get(draft_world["draft_transfer"].get_absolute_url()).status_code == 404
    assert client.get(draft_world["system"].get_absolute_url()).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/missiles/systems/",
        "/missiles/transfers/",
        "/missiles/transfers/?supplier=PRK",
        "/missiles/transfers.csv",
        "/missiles/transfers.csv?supplier=PRK",
        "/missiles/transfers/matrix/",
        "/states/PRK/",
    ],
)
def test_draft_appears_on_no_public_page_or_export(client, draft_world, url):
    response = client.get(url)
    assert response.status_code == 200, url
    body = b"".join(response.streaming_content) if response.streaming else response.content
    for secret in (b"Secretmissile", b"Hiddenalias", b"Draftdescription"):
        assert secret not in body, (url, secret)


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["Secretmissile", "Hiddenalias", "Draftdescription", "North Korea"])
def test_search_never_finds_a_draft(client, draft_world, query):
    body = client.get("/search/", {"q": query}).content.decode()
    assert draft_world["draft_system"].get_absolute_url() not in body
    assert draft_world["draft_transfer"].get_absolute_url() not in body


@pytest.mark.django_db
def test_draft_is_not_counted(client, draft_world):
    from sources.visibility import public_only

    with public_only():
        assert Transfer.objects.count() == 1
    assert Transfer.objects.count() == 2  # the admin and the curators see both


@pytest.mark.django_db
def test_pending_revision_is_not_shown_to_the_public(client, draft_world, django_user_model):
    system = draft_world["system"]
    system.range_km = 4321
    Revision.propose(system, django_user_model.objects.create_user("ed"), "new range")
    body = client.get(system.get_absolute_url()).content
    assert b"4321" not in body and b"4,321" not in body
