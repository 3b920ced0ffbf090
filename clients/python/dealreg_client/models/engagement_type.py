from enum import StrEnum

class EngagementType(StrEnum):
    EMAIL_CLICK = "email_click"
    EMAIL_OPEN = "email_open"
    EVENT = "event"
    SITE_VISIT = "site_visit"
    WEBINAR = "webinar"

    def __str__(self) -> str:
        return str(self.value)
