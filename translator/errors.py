"""Errors the user can act on.

Anything raised as :class:`InputError` is shown as one line on stderr and
exits with code 2 (usage or input error); the CLI never shows a traceback for
it. Library code raises these instead of calling ``sys.exit`` so tests and
other programs can catch them.
"""

from __future__ import annotations


class TranslatorError(Exception):
    """Base class for errors with a message meant for the user."""

    exit_code = 2


class InputError(TranslatorError):
    """The user gave us something we cannot use (missing file, binary, ...)."""


class ModelError(TranslatorError):
    """A translation model is missing, corrupt or of the wrong format."""
