import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from dataset.exchange import export_dataset
from missiles.models import MissileSystem
from tests.factories import SystemFactory, TransferFactory, cite


@pytest.mark.django_db
def test_backup_then_restore_loses_nothing_drafts_included(tmp_path):
    transfer = TransferFactory(quantity=400, quantity_estimated=True)
    for record in (transfer, transfer.supplier, transfer.recipient, transfer.system, transfer.system.state):
        cite(record, locator="p. 121")
    draft = SystemFactory(name="Draft system", state=transfer.supplier, is_published=False)  # no source yet
    call_command("backup", str(tmp_path / "backups"))
    (backup,) = (tmp_path / "backups").iterdir()
    export_dataset(tmp_path / "before")

    MissileSystem.objects.filter(pk=draft.pk).update(name="Vandalised")
    call_command("restore", str(backup))

    export_dataset(tmp_path / "after")
    for before in (tmp_path / "before").iterdir():
        assert before.read_bytes() == (tmp_path / "after" / before.name).read_bytes(), before.name
    assert MissileSystem.objects.get(name="Draft system").is_published is False


@pytest.mark.django_db
def test_restore_of_a_broken_backup_changes_nothing(tmp_path):
    SystemFactory(name="Kept")
    (tmp_path / "dataset").mkdir()
    (tmp_path / "dataset" / "states.csv").write_text("code,name\nXX,Broken\n")
    with pytest.raises(CommandError, match="nothing was changed"):
        call_command("restore", str(tmp_path))
    assert MissileSystem.objects.filter(name="Kept").exists()
