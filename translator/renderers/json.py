"""JSON: the data model itself (see :func:`translator.model.to_dict`)."""

from __future__ import annotations

import json

from ..gate.model import CheckRun
from ..model import Comparison, to_dict


class JsonRenderer:
    name = "json"
    suffix = ".json"

    def render(self, comparison: Comparison) -> str:
        return json.dumps(to_dict(comparison), ensure_ascii=False, indent=2) + "\n"

    def render_run(self, run: CheckRun) -> str:
        """``translator check``: summary, located findings and the full model."""
        return json.dumps(run.to_dict(), ensure_ascii=False, indent=2) + "\n"
