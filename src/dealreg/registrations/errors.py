from dealreg.errors import Conflict, InvalidInput, NotFound


class DealNotFound(NotFound):
    type = "deal-not-found"


class RegistrationNotFound(NotFound):
    type = "registration-not-found"


class ExtensionNotFound(NotFound):
    type = "extension-request-not-found"


class InvalidDeal(InvalidInput):
    """A deal that breaks a vendor's rules: each error names the vendor and the field."""

    type, title = "invalid-deal", "The deal does not meet the vendors' rules"


class DuplicateRegistration(Conflict):
    """The same partner already holds an active registration for this customer and product."""

    type, title = "duplicate-registration", "Already registered"


class ExtensionNotAllowed(Conflict):
    type, title = "extension-not-allowed", "No extension possible"
