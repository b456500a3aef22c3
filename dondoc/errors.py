"""Errors raised by the domain services, with messages a clerk understands."""


class DomainError(Exception):
    """An action that cannot be done as asked (bad input, wrong state).

    ``field`` names the form field at fault, when there is one, so a form can
    show the message next to it.
    """

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return self.message


class ActionForbidden(DomainError):
    """The person may see the object but may not take this action on it."""
