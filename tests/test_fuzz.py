"""Property-based tests: loaders, segmenter, aligner, every check and every
renderer hold their invariants on arbitrary input.

The default ("ci") Hypothesis profile runs a few dozen examples per property
in every test run; ``make fuzz`` selects the "fuzz" profile (10,000 examples
per property). See docs/fuzzing.md.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from translator.align import align_texts
from translator.checks import check_names, run_checks
from translator.errors import InputError
from translator.ingest.load import decode, document_from_text
from translator.ingest.segment import MAX_SENTENCE_CHARS, segment_document, split_sentences
from translator.model import Comparison, to_dict
from translator.pipeline import CompareOptions, compare_documents
from translator.renderers import RENDERERS

SARIF_SCHEMA = Path(__file__).resolve().parent / "data" / "sarif-schema-2.1.0.json"

#: words that exercise abbreviations, number formats, quotes, scripts,
#: markup characters, combining marks and invisible characters
WORDS = [
    "Dresden",
    "Hochwasser",
    "Straße",
    "floods",
    "the",
    "der",
    "7,35",
    "7.35",
    "2.000",
    "2,000",
    "1200",
    "3.",
    "Oktober",
    "Mr.",
    "Dr.",
    "U.S.",
    "EE.",
    "UU.",
    "z.B.",
    "e.g.",
    "«",
    "»",
    "„",
    "“",
    "”",
    '"',
    "'",
    "—",
    "…",
    "(",
    ")",
    "<script>alert(1)</script>",
    '<i data-fuzz="1">',
    "&amp;",
    "&",
    "<",
    ">",
    "Москва",
    "東京。",
    "مرحبا",
    "é",
    "e\u0301",
    "\u200b",
    "🙂",
    "Bild:",
    "dpa/Robert",
    "https://example.org/a?b=1",
    "2026-11-26",
    "§",
    "#",
    "*",
    "_",
    "`",
]
ENDINGS = [".", "!", "?", "", "…", ".»", '."', ":", ";"]

words = st.one_of(
    st.sampled_from(WORDS),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=10),
)
sentences = st.builds(
    lambda ws, end: " ".join(ws) + end,
    st.lists(words, min_size=1, max_size=12),
    st.sampled_from(ENDINGS),
)
paragraphs = st.lists(sentences, min_size=1, max_size=4).map(" ".join)
articles = st.lists(paragraphs, min_size=1, max_size=5).map("\n\n".join)
any_text = st.one_of(articles, st.text(max_size=400))
langs = st.sampled_from(["en", "de", "fr", "ja", "ar", None])


def _spans_inside(text: str, spans: list[tuple[int, int]]) -> None:
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text), (spans, len(text))
        previous_end = end


# -- loaders -----------------------------------------------------------------------


@given(st.binary(max_size=2000))
def test_decoding_arbitrary_bytes_gives_text_or_an_input_error(data):
    try:
        text, encoding = decode(data)
    except InputError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert isinstance(text, str) and encoding


@given(any_text.map(lambda t: t.encode("utf-8")), st.sampled_from(["utf-8", "utf-16", "latin-1", "cp1252"]))
def test_text_encoded_in_a_known_encoding_decodes_back_to_itself(utf8, encoding):
    text = utf8.decode("utf-8")
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        return
    try:
        decoded, _ = decode(data)
    except InputError:
        return  # e.g. control characters: refused as binary, never garbled
    if encoding in ("utf-8", "utf-16") or text.isascii():
        assert decoded.replace("\r\n", "\n") == text.replace("\r\n", "\n")


@given(any_text, st.sampled_from(["a.txt", "a.md", "a.html"]))
def test_loaded_paragraphs_lie_inside_the_text_in_order(source, name):
    try:
        doc = document_from_text(source, name)
    except InputError:
        return
    spans = [(p.start, p.end) for p in doc.paragraphs]
    _spans_inside(doc.text, spans)
    for p in doc.paragraphs:
        assert doc.text[p.start : p.end].strip()
        assert p.line >= 1
    if doc.format == "text":  # offsets are the file's: one character for one
        normalised = source.replace("\r\n", "\n").replace("\r", "\n")
        assert len(doc.text) == len(normalised)
        assert all(a == b or a == " " for a, b in zip(doc.text, normalised, strict=True))


# -- segmenter -----------------------------------------------------------------------


@given(any_text, langs)
def test_sentences_are_ordered_trimmed_bounded_and_lose_no_text(text, lang):
    spans = split_sentences(text, lang)
    _spans_inside(text, spans)
    covered = set()
    for start, end in spans:
        piece = text[start:end]
        assert piece == piece.strip() and piece
        assert end - start <= MAX_SENTENCE_CHARS
        covered.update(range(start, end))
    lost = [i for i, ch in enumerate(text) if not ch.isspace() and i not in covered]
    assert not lost, [text[i] for i in lost]


@given(st.integers(min_value=1, max_value=2), st.sampled_from([" ", ". ", ", ", "\n"]), langs)
def test_long_runs_are_cut_into_bounded_sentences(factor, joiner, lang):
    text = joiner.join(["wort"] * (MAX_SENTENCE_CHARS * factor // 4))
    spans = split_sentences(text, lang)
    _spans_inside(text, spans)
    assert all(end - start <= MAX_SENTENCE_CHARS for start, end in spans)
    assert sum(text[s:e].count("wort") for s, e in spans) == text.count("wort")


@given(articles, st.sampled_from(["a.txt", "a.md", "a.html"]), langs)
def test_segments_index_the_document_text(source, name, lang):
    try:
        doc = document_from_text(source, name)
    except InputError:
        return
    doc.lang = lang
    segment_document(doc)
    assert [s.index for s in doc.segments] == list(range(len(doc.segments)))
    _spans_inside(doc.text, [(s.start, s.end) for s in doc.segments])
    for seg in doc.segments:
        assert doc.text[seg.start : seg.end] == seg.text
        para = doc.paragraphs[seg.paragraph]
        assert para.start <= seg.start and seg.end <= para.end


# -- aligner ----------------------------------------------------------------------------


@given(
    st.lists(sentences, max_size=12),
    st.lists(sentences, max_size=12),
    st.sampled_from([("en", "en"), ("de", "en"), (None, None), ("fr", None)]),
)
def test_alignment_covers_every_sentence_exactly_once_with_monotonic_links(src, tgt, pair):
    links, method = align_texts(src, tgt, src_lang=pair[0], tgt_lang=pair[1])
    assert method
    flat_src = [i for link in links for i in link.src]
    flat_tgt = [j for link in links for j in link.tgt]
    assert flat_src == list(range(len(src)))  # each once, in order: monotonic
    assert flat_tgt == list(range(len(tgt)))
    for link in links:
        assert link.src or link.tgt
        assert link.src == list(range(link.src[0], link.src[0] + len(link.src))) if link.src else True
        assert link.tgt == list(range(link.tgt[0], link.tgt[0] + len(link.tgt))) if link.tgt else True


# -- checks and renderers ------------------------------------------------------------------


@st.composite
def comparisons(draw) -> Comparison:
    """A full comparison of 1–3 generated versions (1 = single-file mode)."""
    n = draw(st.sampled_from([2, 2, 2, 3, 1]))
    docs = []
    for i in range(n):
        source = draw(articles)
        name = draw(st.sampled_from(["v.txt", "v.md", "v.html"]))
        try:
            doc = document_from_text(source, f"{i}-{name}")
        except InputError:
            doc = document_from_text("Fallback sentence.", f"{i}-v.txt")
        # languages are drawn, not detected: detection is langdetect's job
        # (and its cost would dominate); the checks must cope with any mix
        lang = draw(st.sampled_from(["en", "de", "fr", None]))
        doc.lang = lang
        for para in doc.paragraphs:
            para.lang = draw(st.sampled_from([lang, lang, "en", "de", None]))
        segment_document(doc)
        for seg in doc.segments:
            seg.lang = doc.paragraphs[seg.paragraph].lang
        docs.append(doc)
    if n == 1:
        from translator import __version__

        comparison = Comparison(documents=docs, mode="single", tool_version=__version__)
        comparison.findings = run_checks(comparison)
        return comparison
    return compare_documents(docs, CompareOptions())


def _check_spans(comparison: Comparison, findings) -> None:
    for f in findings:
        for span in (f.span, f.related):
            if span is None:
                continue
            assert 0 <= span.version < len(comparison.documents)
            text = comparison.documents[span.version].text
            assert 0 <= span.start <= span.end <= len(text), (f.kind, span, len(text))
        assert f.fingerprint
        if f.alignment is not None:
            assert 0 <= f.alignment < len(comparison.alignments)
            if f.link is not None:
                assert 0 <= f.link < len(comparison.alignments[f.alignment].links)


@given(comparisons())
def test_every_check_runs_without_crashing_and_points_inside_the_text(comparison):
    for alignment in comparison.alignments:
        src = comparison.documents[alignment.source].segments
        tgt = comparison.documents[alignment.target].segments
        assert [i for link in alignment.links for i in link.src] == list(range(len(src)))
        assert [j for link in alignment.links for j in link.tgt] == list(range(len(tgt)))
    for name in check_names():
        findings = run_checks(comparison, enabled=[name])
        assert all(f.kind for f in findings), name
        _check_spans(comparison, findings)


def _sarif_validator():
    if "sarif" not in RENDERERS or not SARIF_SCHEMA.is_file():
        return None
    import jsonschema

    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.Draft7Validator(schema)


_SARIF = _sarif_validator()


def _html_problems(page: str) -> list:
    import html5lib

    parser = html5lib.HTMLParser(tree=html5lib.getTreeBuilder("etree"), strict=False)
    tree = parser.parse(page)
    injected = [
        el
        for el in tree.iter()
        if "data-fuzz" in el.attrib or (el.tag.endswith("script") and "alert(1)" in (el.text or ""))
    ]
    return [*parser.errors, *injected]


def _assert_valid(name: str, out: str, comparison: Comparison) -> None:
    assert isinstance(out, str), name
    if name == "html":
        assert out.lstrip().lower().startswith("<!doctype html>")
        assert _html_problems(out) == []
    elif name == "json":
        assert json.loads(out) == json.loads(json.dumps(to_dict(comparison), ensure_ascii=False))
    elif name == "sarif":
        log = json.loads(out)
        if _SARIF is not None:
            errors = sorted(_SARIF.iter_errors(log), key=str)
            assert not errors, errors[0].message
    elif name == "junit":
        ET.fromstring(out)
    else:
        assert "\x00" not in out, name


@given(comparisons())
def test_every_renderer_produces_valid_output(comparison):
    """HTML parses cleanly with no injected element, JSON round-trips, SARIF
    validates, JUnit is XML — for every renderer in the registry (one
    generated comparison feeds them all, which keeps the property cheap)."""
    assert {"html", "json", "text"} <= set(RENDERERS)
    for name, renderer in sorted(RENDERERS.items()):
        _assert_valid(name, renderer.render(comparison), comparison)


# -- readers of whole files: config, glossary, baseline, manifests, package metadata --
#
# Each reader either returns its value or raises the error its command turns
# into one line and exit 2 (InputError; ModelError for packages) — never
# another exception, whatever the bytes (arbitrary, or built from pieces of
# the real format, deep nesting included).

json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=20)),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=12,
)
nesting = st.integers(min_value=1, max_value=3000).map(lambda n: "[" * n + "]" * n)


_SCRATCH: list[Path] = []


def _scratch() -> Path:
    """One folder per run, overwritten by each example (10,000 examples must
    not leave 10,000 folders) and removed at exit."""
    if not _SCRATCH:
        import atexit
        import shutil
        import tempfile

        _SCRATCH.append(Path(tempfile.mkdtemp(prefix="fuzz-readers-")))
        atexit.register(shutil.rmtree, _SCRATCH[0], True)
    return _SCRATCH[0]


def _written(name: str, data: bytes) -> Path:
    path = _scratch() / name
    path.write_bytes(data)
    return path


TOML_PIECES = [
    'lang = "en"',
    'lang = "xx"',
    'source-lang = "../../etc"',
    'fail-level = "warning"',
    'format = "sarif"',
    'ignore = ["drafts/**"]',
    'ignore = ["a\\\\"]',
    'disable = ["all"]',
    'enable = ["wording"]',
    'baseline = "/dev/zero"',
    "[checks.residue]",
    "min_words = nan",
    "min_words = -1",
    "min_words = 1e999",
    "prior = 0.5",
    "[checks.duplicates]",
    "threshold = 200",
    "severity = 'info'",
    "[tool.translator]",
    "x = [[[[[[[[]]]]]]]]",
]


@given(
    st.one_of(
        st.lists(st.sampled_from(TOML_PIECES), max_size=8).map("\n".join),
        st.text(max_size=300),
        nesting.map(lambda n: "lang = " + n),
    )
)
def test_the_config_reader_returns_a_config_or_an_input_error(text):
    from translator.gate.config import apply_file, defaults

    path = _written(".translator.toml", text.encode("utf-8", "surrogatepass"))
    try:
        apply_file(defaults(), path)
    except InputError as exc:
        assert "\n" not in str(exc)


@given(
    st.one_of(
        st.text(max_size=400),
        st.lists(
            st.lists(
                st.text(alphabet=st.characters(blacklist_characters="\t\n\r"), max_size=12), max_size=5
            ).map("\t".join),
            max_size=6,
        ).map(lambda rows: "source\ttarget\tforbidden\tnote\n" + "\n".join(rows)),
    )
)
def test_the_glossary_reader_returns_entries_and_problems_never_raises(text):
    from translator.lexicon.terms import parse_glossary

    path = _written("de-en.tsv", text.encode("utf-8", "surrogatepass"))
    glossary, problems = parse_glossary(path)
    assert all(isinstance(p, str) and "\n" not in p for p in problems)


@given(
    st.one_of(
        json_values.map(json.dumps),
        st.builds(lambda f: json.dumps({"translator_baseline": 1, "findings": f}), json_values),
        nesting,
        st.text(max_size=200),
    )
)
def test_the_baseline_reader_returns_a_baseline_or_an_input_error(text):
    from translator.gate.baseline import load_baseline

    path = _written("baseline.json", text.encode("utf-8", "surrogatepass"))
    try:
        load_baseline(path)
    except InputError as exc:
        assert "\n" not in str(exc)


@given(
    st.lists(st.one_of(json_values.map(json.dumps), nesting, st.text(max_size=80)), min_size=1, max_size=4),
    st.sampled_from(["m.jsonl", "m.csv"]),
)
def test_the_manifest_readers_return_items_or_an_input_error(lines, name):
    from translator.batch import items as batch
    from translator.gate import checkrun

    path = _written(name, "\n".join(lines).encode("utf-8", "surrogatepass"))
    for read in (checkrun.read_manifest, batch.read_manifest):
        try:
            read(str(path))
        except InputError as exc:
            assert "\n" not in str(exc)


@given(
    st.one_of(
        json_values,
        st.fixed_dictionaries(
            {"from_code": json_values, "to_code": json_values},
            optional={"package_version": json_values, "from_name": json_values, "links": json_values},
        ),
    )
)
def test_the_package_metadata_reader_accepts_valid_metadata_or_raises_a_model_error(metadata):
    from translator.errors import ModelError
    from translator.translate.packages import _read_metadata, validate_metadata

    folder = _scratch()
    (folder / "metadata.json").write_text(json.dumps(metadata))
    for check in (lambda: validate_metadata(metadata, "fuzz"), lambda: _read_metadata(folder)):
        try:
            out = check()
        except ModelError as exc:
            assert "\n" not in str(exc)
        else:
            assert isinstance(out["from_code"], str) and isinstance(out["to_code"], str)


class _Tone(Enum):
    LOW = "low"
    HIGH = 2


@dataclass
class _Piece:
    name: str
    score: float
    tone: _Tone
    parts: tuple
    extra: dict


#: what the model holds: scalars (floats with NaN, infinities, -0.0, tiny
#: and huge values), enums, dataclasses, tuples, dicts with keys that are
#: not strings (1 and "1" become one key, as ``jsonable`` makes them)
model_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(),
        st.sampled_from([0.0, -0.0, 1e-05, 1e16, 1e-320, float("nan"), float("inf"), float("-inf")]),
        st.text(max_size=20),
        st.sampled_from(list(_Tone)),
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.lists(inner, max_size=3).map(tuple),
        st.dictionaries(st.one_of(st.text(max_size=6), st.integers(-3, 3), st.booleans()), inner, max_size=4),
        st.builds(
            _Piece,
            st.text(max_size=8),
            st.floats(),
            st.sampled_from(list(_Tone)),
            st.lists(inner, max_size=3).map(tuple),
            st.dictionaries(st.text(max_size=4), inner, max_size=3),
        ),
    ),
    max_leaves=16,
)


@given(model_values)
def test_the_json_renderer_writes_the_standard_librarys_indented_dump_of_the_model_byte_for_byte(value):
    # the renderer converts and encodes the model in one walk instead of
    # json.dumps(jsonable(...), indent=2), the pure-Python encoder; the
    # text must not differ by a byte, whatever the values
    from translator.model import jsonable
    from translator.renderers.json import dumps

    expected = json.dumps(jsonable(value), ensure_ascii=False, indent=2)
    assert dumps(value) == expected
    assert dumps({"comparisons": [{"documents": [{"segments": [value, value]}]}]}) == json.dumps(
        jsonable({"comparisons": [{"documents": [{"segments": [value, value]}]}]}),
        ensure_ascii=False,
        indent=2,
    )
