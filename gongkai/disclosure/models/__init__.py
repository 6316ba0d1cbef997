from gongkai.disclosure.models.cases import ReconsiderationOrLawsuit
from gongkai.disclosure.models.choices import (
    OPEN_STATUSES,
    DeliveredVia,
    Delivery,
    IdType,
    ProvisionForm,
    Status,
)
from gongkai.disclosure.models.replies import FeeNotice, Reply, ReplyTemplate
from gongkai.disclosure.models.requests import (
    DESCRIPTION_MAX_LENGTH,
    DisclosureRequest,
    RequestAttachment,
    RequestEvent,
    TrackingCounter,
)

__all__ = [
    "DESCRIPTION_MAX_LENGTH",
    "OPEN_STATUSES",
    "DeliveredVia",
    "Delivery",
    "DisclosureRequest",
    "FeeNotice",
    "IdType",
    "ProvisionForm",
    "ReconsiderationOrLawsuit",
    "Reply",
    "ReplyTemplate",
    "RequestAttachment",
    "RequestEvent",
    "Status",
    "TrackingCounter",
]
