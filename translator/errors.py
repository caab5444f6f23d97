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


#: exit code of an unexpected exception (a bug): distinct from 1 ("check
#: found problems") and 2 (bad usage or input), so CI can tell a crash from
#: a failed gate
CRASH_EXIT_CODE = 3


def bug_report_address() -> str:
    """Where to report a crash: the package's "Issues"/"Bug Tracker" project
    URL when the installed metadata has one, else the maintainers in general."""
    try:
        from importlib.metadata import PackageNotFoundError, metadata

        urls = metadata("translator").get_all("Project-URL") or []
    except (ImportError, PackageNotFoundError, OSError, ValueError):
        urls = []
    for entry in urls:
        label, _, url = entry.partition(",")
        if any(word in label.lower() for word in ("issue", "bug", "tracker")) and url.strip():
            return url.strip()
    return "the translator maintainers' issue tracker"


def crash_message(exc: BaseException) -> str:
    """The one line shown for an unexpected exception."""
    what = "out of memory" if isinstance(exc, MemoryError) else f"{type(exc).__name__}: {exc}"
    what = " ".join(what.split())[:300]
    return (
        f"translator: internal error (a bug, not a problem with your input): {what}; please report it"
        f" with the command you ran to {bug_report_address()}"
        " (TRANSLATOR_DEBUG=1 shows the traceback)"
    )
