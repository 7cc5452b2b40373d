"""Exceptions that carry a message meant for the user."""

from __future__ import annotations


class StorylineError(Exception):
    """Base class: the message is shown to the user as is."""


class ConfigError(StorylineError):
    """A setting, settings file or pipeline definition is wrong."""


class InputError(StorylineError):
    """One input (file, record, feed item) cannot be read; the batch goes on without it."""


class StoreError(StorylineError):
    """The database cannot be opened or is not a Storyline database."""


class MissingExtra(StorylineError):
    """An optional backend is not installed."""

    def __init__(self, package: str, extra: str):
        super().__init__(
            f"this needs the optional package {package!r}: pip install 'storyline[{extra}]'"
        )


class QueryError(StorylineError):
    """A search query is too long or too costly to run; the message says which limit it broke."""


class NotFound(StoreError):
    """No stored article, event, story or entity has the id asked for (HTTP 404 in the API)."""
