from enum import StrEnum

class LeadRejection(StrEnum):
    DUPLICATE = "duplicate"
    EXISTING_CUSTOMER = "existing_customer"
    NOT_MY_TERRITORY = "not_my_territory"
    NOT_QUALIFIED = "not_qualified"
    NO_CAPACITY = "no_capacity"
    OTHER = "other"

    def __str__(self) -> str:
        return str(self.value)
