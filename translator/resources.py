"""Where templates and glossaries live.

In a wheel they are installed inside the package (``translator/templates``,
``translator/glossaries``); in a source checkout or editable install they
are the top-level ``templates/`` and ``glossaries/`` folders the project is
laid out with. Looking in both keeps one copy of the files in the repo.
"""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def resource_dir(name: str) -> Path:
    """Return the folder ``name`` (``templates`` or ``glossaries``)."""
    for candidate in (_PACKAGE / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"{name}/ not found next to the translator package")


@cache
def package_data_dir(package: str, folder: str) -> Path | None:
    """``folder`` inside an installed ``package``, found without importing
    it (wordfreq, Babel: importing them costs 0.1-0.3 s that a comparison
    reading their data back from our JSON tables need not pay); None when
    the package is not installed."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / folder
