"""Machine translation inside ``compare``: translate versions into the pivot's language.

Optional and lazy: when no package is installed this returns after one
directory listing, without importing ctranslate2 or argostranslate, and
``compare`` keeps its model-free alignment. When a model (or a route through
English) exists for a version's language, its segments get
``Segment.translation`` so the aligner and the checks can compare meaning.
"""

from __future__ import annotations

from ..errors import ModelError
from ..model import Comparison


def translate_versions(comparison: Comparison, *, cache: bool = True) -> bool:
    """Fill ``.translation`` on every non-pivot version that a model covers.

    Returns True when at least one version was translated. Versions without
    a model are listed in the comparison's notes.
    """
    from .packages import find_route, installed_packages

    docs = comparison.documents
    pivot = docs[comparison.pivot]
    if not pivot.lang:
        return False
    packages = installed_packages()
    if not packages:
        return False
    todo = []
    for v, doc in enumerate(docs):
        if v == comparison.pivot or not doc.lang or doc.lang == pivot.lang or not doc.segments:
            continue
        route = find_route(doc.lang, pivot.lang, packages)
        if route:
            todo.append((v, doc, route))
        else:
            comparison.notes.append(
                f"No translation model for {doc.lang} -> {pivot.lang}: version {v + 1} was aligned "
                f"without machine translation."
            )
    if not todo:
        return False
    from .engine import Engine

    engine = Engine(cache=cache, packages=packages)
    done = False
    for v, doc, route in todo:
        try:
            results = engine.translate([s.text for s in doc.segments], doc.lang or "", pivot.lang)
        except ModelError as exc:
            comparison.notes.append(f"Machine translation of version {v + 1} failed: {exc}")
            continue
        for seg, result in zip(doc.segments, results, strict=True):
            seg.translation = result.translation
            seg.protected_terms = list(result.protected)
            seg.lost_terms = list(result.lost)
        comparison.packages[v] = " + ".join(p.label for p in route)
        via = f" via {route[0].to_code}" if len(route) > 1 else ""
        comparison.notes.append(
            f"Version {v + 1} ({doc.lang}) was machine-translated into {pivot.lang}{via} with "
            f"{comparison.packages[v]} before alignment."
        )
        done = True
    return done
