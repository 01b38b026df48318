"""Errors a user caused and can fix. Their text is shown to them as it is, ephemerally."""

from __future__ import annotations


class UserError(Exception):
    """A refusal with a sentence that names the problem and says what to do instead."""


class InvalidInput(UserError):
    pass


class NotFound(UserError):
    pass


class AlreadyExists(UserError):
    pass


class MissingPermission(UserError):
    pass


class ShowNotFound(NotFound):
    def __init__(self) -> None:
        super().__init__(
            "That show isn't tracked in this server (it may have been removed). See /show list."
        )
