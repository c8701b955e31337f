import pytest
from django.contrib.auth.models import Group, User

from curation.roles import ensure_roles
from tests.factories import SourceFactory, StateFactory, SystemFactory, cite

INLINE = "sources-citation-content_type-object_id"


@pytest.fixture
def roles(db):
    from django.apps import apps

    ensure_roles(apps)


def _user(name, group=None, **flags):
    user = User.objects.create_user(name, password="not-used-here-0", is_staff=True, **flags)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor(roles):
    return _user("eddie", "Editors")


@pytest.fixture
def curator(roles):
    return _user("cora", "Curators")


@pytest.fixture
def superuser(roles):
    return _user("root", is_superuser=True)


@pytest.fixture
def user_for(editor, curator, superuser):
    return {"anonymous": None, "editor": editor, "curator": curator, "superuser": superuser}


@pytest.fixture
def north_korea(db):
    return StateFactory(code="PRK", name="North Korea")


@pytest.fixture
def nodong(north_korea):
    system = SystemFactory(name="Nodong", state=north_korea, range_km=1000, payload_kg=None)
    cite(system, SourceFactory(key="csis-nodong"))
    return system


def system_form(system=None, cite=None, **changes):
    """The POST data of the missile system admin form; ``cite`` adds a citation of that source."""
    data = {
        "name": system.name if system else "Hwasong-12",
        "aliases": system.aliases if system else "",
        "state": system.state_id if system else "PRK",
        "program": "",
        "derived_from": "",
        "kind": "ballistic",
        "propellant": "",
        "stages": "",
        "range_km": system.range_km if system and system.range_km is not None else "",
        "payload_kg": system.payload_kg if system and system.payload_kg is not None else "",
        "status": "",
        "first_flight": "",
        "note": system.note if system else "",
        "is_published": "on" if (system is None or system.is_published) else "",
        "change_reason": "test change",
        "expected_version": system.version if system else "",
        f"{INLINE}-TOTAL_FORMS": "0",
        f"{INLINE}-INITIAL_FORMS": "0",
        f"{INLINE}-MIN_NUM_FORMS": "0",
        f"{INLINE}-MAX_NUM_FORMS": "1000",
    }
    if cite is not None:
        data.update({f"{INLINE}-TOTAL_FORMS": "1", f"{INLINE}-0-source": cite.pk, f"{INLINE}-0-locator": "p. 1"})
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}
