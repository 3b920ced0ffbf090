from enum import StrEnum

class PartnerEngagementType(StrEnum):
    EMAIL_CLICK = "email_click"
    EMAIL_OPEN = "email_open"
    KEY_PAGE_VISIT = "key_page_visit"
    TRADE_SHOW = "trade_show"
    WEBINAR = "webinar"

    def __str__(self) -> str:
        return str(self.value)
