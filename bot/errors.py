"""Errors a user caused and can fix. Their text is shown to them as it is, ephemerally."""

from __future__ import annotations

from collections.abc import Callable, Sequence


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


def _as_is(text: str) -> str:
    return text


class ShowNotPicked(UserError):
    """A command that changes or deletes named no show exactly: it asks rather than guess."""

    def __init__(self, typed: str, close: Sequence[str]) -> None:
        self.typed = typed
        self.close = tuple(close)
        super().__init__(self.sentence())

    def sentence(self, quote: Callable[[str], str] = _as_is) -> str:
        """The question for the member; `quote` makes show titles safe to display."""
        if not self.close:
            return (
                f"No show here matches “{quote(self.typed[:60])}”. Pick one from the list as "
                "you type, or see /show list. Nothing was changed."
            )
        names = [f"“{quote(name)}”" for name in self.close]
        options = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
        return f"Did you mean {options}? Pick it from the list as you type. Nothing was changed."


class NotDone(UserError):
    """A change that could not be carried through was undone; nothing changed."""
