"""Aligning two files: what ``translator align`` does, callable from tests.

Documents go through the same loading, language detection and sentence
splitting as ``compare``; pre-split files (one sentence per line, as
alignment test sets are distributed) are read line by line so that sentence
ids are line numbers.
"""

from __future__ import annotations

from collections.abc import Sequence

from .align import AlignOptions, align_texts
from .alignio import AlignedPair
from .errors import InputError


def read_lines(path: str) -> list[str]:
    """Sentences of a one-sentence-per-line file (every line counts, so that
    ids match line numbers), decoded like any input."""
    from .ingest.load import decode, read_bytes

    text, _ = decode(read_bytes(path), path)
    lines = text.splitlines()
    if not any(line.strip() for line in lines):
        raise InputError(f"{path}: is empty; expected one sentence per line")
    return [line.strip() for line in lines]


def _detect(lines: list[str]) -> str | None:
    from .ingest.langid import detect

    return detect(" ".join(lines[:200])).lang


def align_files(
    a: str,
    b: str,
    *,
    lang_a: str | None = None,
    lang_b: str | None = None,
    presplit: bool = False,
    translation: str | None = None,
    max_link: int = 4,
    glossaries: Sequence[str] = (),
    disabled: Sequence[str] = (),
    machine_translation: bool = True,
) -> AlignedPair:
    """Load, split and align two files; raise InputError on bad input.

    Without ``translation``, B is machine-translated into A's language when
    an Argos model for the pair is installed (as ``compare`` does) and the
    translation joins the model-free signals.
    """
    from .align.signals import SIGNALS

    unknown = sorted(set(disabled) - set(SIGNALS))
    if unknown:
        raise InputError(f"unknown signal {', '.join(unknown)}; known: {', '.join(SIGNALS)}")
    if presplit:
        if a == b and a != "-":
            raise InputError(f"{a}: the same file is given twice; align two different versions")
        src, tgt = read_lines(a), read_lines(b)
        lang_a = lang_a or _detect(src)
        lang_b = lang_b or _detect(tgt)
    else:
        from .pipeline import load_versions

        docs = load_versions([a, b], (lang_a, lang_b))
        src = [s.text for s in docs[0].segments]
        tgt = [s.text for s in docs[1].segments]
        lang_a, lang_b = docs[0].lang, docs[1].lang
    mt = None
    tgt_mt = None
    notes: list[str] = []
    if not translation and machine_translation and lang_a and lang_b and lang_a != lang_b:
        tgt_mt, note = _argos(src, tgt, lang_a, lang_b)
        if note:
            notes.append(note)
    if translation:
        mt = read_lines(translation)
        if len(mt) != len(src):
            raise InputError(
                f"{translation}: has {len(mt)} lines but A has {len(src)} sentences;"
                " the translation must have one line per sentence of A"
            )
        notes.append(f"machine translation of A from {translation}")
    options = AlignOptions(max_link=max_link, glossaries=tuple(glossaries), disabled=tuple(disabled))
    links, method = align_texts(
        src,
        tgt,
        src_lang=lang_a,
        tgt_lang=lang_b,
        src_translation=mt,
        tgt_translation=tgt_mt,
        options=options,
    )
    return AlignedPair(
        src=src,
        tgt=tgt,
        links=links,
        src_lang=lang_a,
        tgt_lang=lang_b,
        src_name=a,
        tgt_name=b,
        method=method,
        notes=notes,
    )


def _argos(src: list[str], tgt: list[str], lang_a: str, lang_b: str) -> tuple[list[str] | None, str]:
    """B translated into A's language by the installed Argos engine, or
    ``(None, note)`` when no model covers the pair."""
    from .model import Comparison, Document, Segment
    from .translate.integrate import translate_versions

    def doc(name: str, lines: list[str], lang: str) -> Document:
        d = Document(name=name, text="\n".join(lines), lang=lang)
        d.segments = [
            Segment(index=k, text=t, start=0, end=0, paragraph=0, lang=lang) for k, t in enumerate(lines)
        ]
        return d

    comparison = Comparison(documents=[doc("A", src, lang_a), doc("B", tgt, lang_b)])
    if translate_versions(comparison):
        translated = [s.translation or "" for s in comparison.documents[1].segments]
        return translated, f"B machine-translated with {comparison.packages.get(1, 'Argos')}"
    return None, " ".join(comparison.notes)
