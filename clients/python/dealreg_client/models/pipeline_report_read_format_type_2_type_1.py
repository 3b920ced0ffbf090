from enum import StrEnum

class PipelineReportReadFormatType2Type1(StrEnum):
    CSV = "csv"
    JSON = "json"

    def __str__(self) -> str:
        return str(self.value)
