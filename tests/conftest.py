import pytest


@pytest.fixture
def mtcr(db):
    from tests.factories import RegimeFactory

    return RegimeFactory(code="MTCR")


@pytest.fixture
def hcoc(db):
    from regime.models import RegimeKind
    from tests.factories import RegimeFactory

    return RegimeFactory(code="HCOC", kind=RegimeKind.CODE_OF_CONDUCT)
