"""Builders for hand-made comparisons used by the report tests.

Building the model directly (documents, links, findings) pins the report's
behaviour independently of how the aligner and checks happen to decide.
"""

from __future__ import annotations

from translator.model import (
    Alignment,
    Comparison,
    Document,
    Finding,
    Link,
    Paragraph,
    Segment,
    Severity,
    Span,
)


def make_doc(name: str, sentences: list[str], lang: str = "en") -> Document:
    """A document whose sentences are joined by single spaces, one paragraph."""
    text = " ".join(sentences)
    segments, pos = [], 0
    for i, s in enumerate(sentences):
        segments.append(Segment(i, s, pos, pos + len(s), 0, lang, 0.99))
        pos += len(s) + 1
    return Document(
        name=name,
        text=text,
        lang=lang,
        lang_confidence=0.99,
        paragraphs=[Paragraph(0, 0, len(text), 1, lang=lang)],
        segments=segments,
    )


def links(*pairs: tuple[list[int], list[int]]) -> list[Link]:
    return [Link(list(src), list(tgt), 1.0) for src, tgt in pairs]


def finding(
    kind: str,
    severity: str,
    doc: Document,
    version: int,
    seg: int,
    *,
    alignment: int | None = 0,
    link: int | None = None,
    message: str | None = None,
    related: tuple[Document, int, int] | None = None,
    evidence: dict | None = None,
) -> Finding:
    s = doc.segments[seg]
    rel = None
    if related is not None:
        rdoc, rversion, rseg = related
        rel = Span(rversion, rdoc.segments[rseg].start, rdoc.segments[rseg].end)
    f = Finding(
        kind=kind,
        severity=Severity(severity),
        message=message or f"{kind} finding on sentence {seg}",
        span=Span(version, s.start, s.end),
        link=link,
        alignment=alignment,
        related=rel,
        evidence=evidence or {},
    )
    f.ensure_fingerprint(s.text)
    return f


def three_versions() -> Comparison:
    """A pivot of five sentences and two versions that split, merge, drop and add.

    * B merges pivot sentences 1 and 2 into one sentence (a 2-1 link) and
      drops pivot sentence 4;
    * C splits pivot sentence 2 into two sentences (1-2) and adds a sentence
      after pivot sentence 3.
    """
    a = make_doc("a.txt", ["P0 zero.", "P1 one.", "P2 two.", "P3 three.", "P4 four."])
    b = make_doc("b.txt", ["B0 zero.", "B1 one and two.", "B2 three."])
    c = make_doc(
        "c.txt", ["C0 zero.", "C1 one.", "C2 two-a.", "C3 two-b.", "C4 three.", "C5 added.", "C6 four."]
    )
    ab = Alignment(0, 1, links(([0], [0]), ([1, 2], [1]), ([3], [2]), ([4], [])), method="test")
    ac = Alignment(
        0, 2, links(([0], [0]), ([1], [1]), ([2], [2, 3]), ([3], [4]), ([], [5]), ([4], [6])), method="test"
    )
    comparison = Comparison(documents=[a, b, c], alignments=[ab, ac], mode="same-language")
    comparison.findings = [
        finding(
            "omission",
            "error",
            a,
            0,
            4,
            alignment=0,
            link=3,
            message="This sentence has no counterpart in b.txt.",
        ),
        finding("addition", "error", c, 2, 5, alignment=1, link=4, message="This sentence is not in a.txt."),
    ]
    comparison.similarity = 0.9
    return comparison


def large_comparison(n_links: int = 5000) -> Comparison:
    """A two-version comparison with ``n_links`` links and findings spread over it.

    Every 17th pivot sentence is dropped, every 23rd link is followed by an
    added sentence and every 11th pair has a changed word (with diff spans),
    so rows of every kind occur all the way down.
    """
    words = "council budget river school harbour station market bridge museum library".split()
    src: list[str] = []
    tgt: list[str] = []
    pairs: list[tuple[list[int], list[int]]] = []
    edits: list[tuple[int, int, int]] = []  # (link index, tgt sentence, word offset)
    i = 0
    while len(pairs) < n_links:
        w = words[i % len(words)]
        sentence = f"Sentence {i} says the {w} plan costs {i * 3} euros in total."
        src.append(sentence)
        if i % 17 == 16:
            pairs.append(([len(src) - 1], []))
        else:
            changed = i % 11 == 5
            tgt.append(sentence.replace(f"the {w}", "the new") if changed else sentence)
            if changed:
                edits.append((len(pairs), len(tgt) - 1, sentence.index(f"the {w}") + 4))
            pairs.append(([len(src) - 1], [len(tgt) - 1]))
        if i % 23 == 22 and len(pairs) < n_links:
            tgt.append(f"An extra sentence number {i} appears only in version B.")
            pairs.append(([], [len(tgt) - 1]))
        i += 1
    a, b = make_doc("long-a.txt", src), make_doc("long-b.txt", tgt)
    comparison = Comparison(
        documents=[a, b], alignments=[Alignment(0, 1, links(*pairs))], mode="same-language"
    )
    found = []
    for l_index, (s, t) in enumerate(pairs):
        if s and not t:
            found.append(finding("omission", "error", a, 0, s[0], link=l_index, message="No counterpart."))
        elif t and not s:
            found.append(finding("addition", "error", b, 1, t[0], link=l_index, message="Not in long-a.txt."))
    for l_index, t, offset in edits:
        word = src[pairs[l_index][0][0]][offset:].split()[0]
        diff = [
            {"op": "replace", "a_start": offset, "a_end": offset + len(word), "b_start": offset,
             "b_end": offset + 3, "a": word, "b": "new"}
        ]  # fmt: skip
        found.append(finding("wording", "warning", b, 1, t, link=l_index, evidence={"diff": diff}))
    found.sort(key=lambda f: (f.span.version, f.span.start, f.kind))
    comparison.findings = found
    comparison.similarity = 0.9
    return comparison
