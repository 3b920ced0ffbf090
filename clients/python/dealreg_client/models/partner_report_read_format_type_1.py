from enum import StrEnum

class PartnerReportReadFormatType1(StrEnum):
    CSV = "csv"
    JSON = "json"

    def __str__(self) -> str:
        return str(self.value)
