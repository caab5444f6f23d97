"""JSON: the links with their sentence ids, texts and scores, plus the
sentence lists, languages and method — everything needed to rebuild the
alignment."""

from __future__ import annotations

import json

from ..model import Link
from .base import AlignedPair


class JsonWriter:
    name = "json"
    suffix = ".json"

    def write(self, pair: AlignedPair) -> str:
        data = {
            "source": {"name": pair.src_name, "lang": pair.src_lang, "sentences": pair.src},
            "target": {"name": pair.tgt_name, "lang": pair.tgt_lang, "sentences": pair.tgt},
            "method": pair.method,
            "notes": pair.notes,
            "links": [
                {
                    "src": link.src,
                    "tgt": link.tgt,
                    "kind": link.kind,
                    "score": link.score,
                    "src_text": pair.text("src", link.src),
                    "tgt_text": pair.text("tgt", link.tgt),
                }
                for link in pair.links
            ],
        }
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def read_json(text: str) -> AlignedPair:
    data = json.loads(text)
    links = [Link(src=list(x["src"]), tgt=list(x["tgt"]), score=float(x["score"])) for x in data["links"]]
    return AlignedPair(
        src=list(data["source"]["sentences"]),
        tgt=list(data["target"]["sentences"]),
        links=links,
        src_lang=data["source"]["lang"],
        tgt_lang=data["target"]["lang"],
        src_name=data["source"]["name"],
        tgt_name=data["target"]["name"],
        method=data.get("method", ""),
        notes=list(data.get("notes", [])),
    )
