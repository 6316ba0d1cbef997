"""Owner of the 财政预决算 files, for the media views (gongkai.core.media): public while the
record is live."""

from gongkai.areas.models import BudgetDisclosure
from gongkai.core.media import OwnedFile, register_media_owner


def budget_file(name: str) -> OwnedFile | None:
    record = BudgetDisclosure.objects.filter(file=name).first()
    if record is None:
        return None
    return OwnedFile(name, record, public=record.live)


def register() -> None:
    register_media_owner("budgets", budget_file)
