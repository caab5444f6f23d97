"""JSON: the data model itself (see :func:`translator.model.to_dict`)."""

from __future__ import annotations

import json

from ..model import Comparison, to_dict


class JsonRenderer:
    name = "json"
    suffix = ".json"

    def render(self, comparison: Comparison) -> str:
        return json.dumps(to_dict(comparison), ensure_ascii=False, indent=2) + "\n"
