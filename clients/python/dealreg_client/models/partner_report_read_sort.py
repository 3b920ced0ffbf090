from enum import StrEnum

class PartnerReportReadSort(StrEnum):
    DAYS_SINCE_REGISTRATION = "days_since_registration"
    ENGAGEMENT_SCORE = "engagement_score"
    PARTNER_NAME = "partner_name"
    REGISTRATIONS_12M = "registrations_12m"
    RFM = "rfm"
    SEGMENT = "segment"
    VALUE_1 = "-partner_name"
    VALUE_11 = "-won_amount_12m"
    VALUE_13 = "-engagement_score"
    VALUE_3 = "-segment"
    VALUE_5 = "-rfm"
    VALUE_7 = "-days_since_registration"
    VALUE_9 = "-registrations_12m"
    WON_AMOUNT_12M = "won_amount_12m"

    def __str__(self) -> str:
        return str(self.value)
