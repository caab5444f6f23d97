"""JSON: the data model itself (see :func:`translator.model.to_dict`)."""

from __future__ import annotations

import io
import json
from typing import Any

from ..gate.model import CheckRun
from ..model import Comparison, to_dict


def dumps(data: Any) -> str:
    """``json.dumps(data, ensure_ascii=False, indent=2)``, the same text.

    With ``indent`` the standard library encodes in Python and collects
    every token in one list before joining it: millions of small strings
    for a long comparison (the peak of a 30,000-sentence compare, above the
    alignment's). Written token by token into a buffer instead, the memory
    is the text's own.
    """
    out = io.StringIO()
    for chunk in json.JSONEncoder(ensure_ascii=False, indent=2).iterencode(data):
        out.write(chunk)
    return out.getvalue()


class JsonRenderer:
    name = "json"
    suffix = ".json"

    def render(self, comparison: Comparison) -> str:
        return dumps(to_dict(comparison)) + "\n"

    def render_run(self, run: CheckRun) -> str:
        """``translator check``: summary, located findings and the full model."""
        return dumps(run.to_dict()) + "\n"
