"""Project configuration for ``translator check``: ``[tool.translator]`` in
``pyproject.toml`` or a ``.translator.toml`` file.

A CI gate is configured once per repository, next to the copy it guards, and
then run with no flags; the command line still overrides every value for a
one-off run. Files are found from the current directory upward (the first
directory with a ``.translator.toml``, or a ``pyproject.toml`` that has a
``[tool.translator]`` table, wins; ``.translator.toml`` before
``pyproject.toml`` in the same directory). ``.translator.toml`` holds the
keys at its top level.

Every value remembers where it came from (``default``, the file, or
``command line``) so ``translator config show`` can explain a surprising
setting. Unknown keys are errors naming the key's full path, because a typo
in a CI gate that silently does nothing is worse than a failed build.

Keys::

    lang = "en"                 # language of the checked (translated) files
    source-lang = "de"          # language of the originals
    fail-level = "error"        # error | warning | info
    format = "text"             # text | json | sarif | junit | github
    glossaries = ["terms/"]     # glossary files or folders (relative to the file)
    ignore = ["drafts/**"]      # gitignore-style patterns of inputs to skip
    baseline = "translator-baseline.json"
    disable = ["wording"]       # checks to switch off ("all" for every check)
    enable = ["residue"]        # checks to switch back on

    [checks.residue]            # [tool.translator.checks.residue] in pyproject
    severity = "warning"        # error | warning | info
    min_words = 5               # any other key: a threshold of the check
"""

from __future__ import annotations

import difflib
import os
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from ..ingest.languages import language_code
from ..ingest.smallfiles import loads_toml, read_whole_text
from ..model import Severity

if TYPE_CHECKING:
    from ..checks.base import Option

DEFAULT = "default"
COMMAND_LINE = "command line"
FORMATS = ("text", "json", "sarif", "junit", "github")
LEVELS = tuple(s.value for s in Severity)

#: top-level keys, their defaults, and what the value must be
_TOP: dict[str, Any] = {
    "lang": None,
    "source-lang": None,
    "fail-level": "error",
    "format": "text",
    "glossaries": [],
    "ignore": [],
    "baseline": None,
    "disable": [],
    "enable": [],
}
_CHECK_KEYS = ("severity", "enabled")


@dataclass
class Setting:
    value: Any
    origin: str = DEFAULT


@dataclass
class Config:
    """The effective configuration: every key with its value and origin."""

    values: dict[str, Setting] = field(default_factory=dict)
    #: the configuration file that was read, if any
    path: Path | None = None

    @property
    def root(self) -> Path:
        """Directory that relative paths in the file are resolved against."""
        return self.path.parent if self.path else Path.cwd()

    def get(self, key: str) -> Any:
        setting = self.values.get(key)
        return setting.value if setting else None

    def set(self, key: str, value: Any, origin: str) -> None:
        self.values[key] = Setting(value, origin)

    @property
    def lang(self) -> str | None:
        return self.get("lang")

    @property
    def source_lang(self) -> str | None:
        return self.get("source-lang")

    @property
    def fail_level(self) -> Severity:
        return Severity(self.get("fail-level"))

    @property
    def format(self) -> str:
        return self.get("format")

    @property
    def baseline(self) -> str | None:
        return self.get("baseline")

    @property
    def ignore(self) -> list[str]:
        return list(self.get("ignore") or [])

    @property
    def glossaries(self) -> list[str]:
        return list(self.get("glossaries") or [])

    def enabled_checks(self) -> list[str]:
        return [name for name in _check_names() if self.get(f"checks.{name}.enabled")]

    def disabled_checks(self) -> list[str]:
        return [name for name in _check_names() if not self.get(f"checks.{name}.enabled")]

    def severities(self) -> dict[str, Severity]:
        """Severities that differ from each check's default."""
        defaults = _check_defaults()
        out: dict[str, Severity] = {}
        for name in _check_names():
            sev = Severity(self.get(f"checks.{name}.severity"))
            if sev != defaults[name]:
                out[name] = sev
        return out

    def check_options(self) -> dict[str, dict[str, Any]]:
        """Thresholds per check (keys other than ``severity``/``enabled``)."""
        out: dict[str, dict[str, Any]] = {}
        for key, setting in self.values.items():
            parts = key.split(".")
            if parts[0] == "checks" and len(parts) == 3 and parts[2] not in _CHECK_KEYS:
                out.setdefault(parts[1], {})[parts[2]] = setting.value
        return out

    def ignored(self, path: str) -> bool:
        """True when ``path`` matches an ignore pattern (relative to :attr:`root`)."""
        patterns = self.ignore
        if not patterns or path == "-":
            return False
        import pathspec

        spec = pathspec.GitIgnoreSpec.from_lines(patterns)
        resolved = Path(path).resolve()
        try:
            rel = resolved.relative_to(self.root.resolve())
        except ValueError:
            return False
        return spec.match_file(rel.as_posix())

    def show(self) -> list[tuple[str, Any, str]]:
        """``(key, value, origin)`` rows for ``translator config show``."""
        return [(key, s.value, s.origin) for key, s in self.values.items()]


def _check_names() -> list[str]:
    from ..checks import check_names

    return check_names()


def _check_defaults() -> dict[str, Severity]:
    from ..checks import CHECKS

    return {c.name: c.severity for c in CHECKS}


def _declared_options(name: str) -> dict[str, Option]:
    """The options check ``name`` declares (:attr:`Check.options`)."""
    from ..checks import CHECKS
    from ..checks.base import declared_options

    for check in CHECKS:
        if check.name == name:
            return declared_options(check)
    return {}


def defaults() -> Config:
    config = Config()
    for key, value in _TOP.items():
        if key not in ("disable", "enable"):
            config.set(key, value, DEFAULT)
    for name, sev in _check_defaults().items():
        config.set(f"checks.{name}.enabled", True, DEFAULT)
        config.set(f"checks.{name}.severity", sev.value, DEFAULT)
    return config


def find_config(start: Path | None = None) -> Path | None:
    """The nearest configuration file from ``start`` (the cwd) upward."""
    here = (start or Path.cwd()).resolve()
    for directory in (here, *here.parents):
        dotfile = directory / ".translator.toml"
        if os.path.lexists(dotfile) and not dotfile.is_dir():
            return dotfile  # read_table refuses it loudly if it is not a usable file
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file():
            try:
                text = read_whole_text(pyproject, "configuration")
            except InputError:
                continue
            try:
                data = loads_toml(text)
            except tomllib.TOMLDecodeError as exc:
                if "tool.translator" in text:  # ours, but broken: say so
                    raise InputError(f"{pyproject}: invalid TOML: {exc}") from None
                continue
            if isinstance(data.get("tool"), dict) and "translator" in data["tool"]:
                return pyproject
    return None


def read_table(path: Path) -> tuple[dict[str, Any], str]:
    """The raw ``[tool.translator]`` table (or a dotfile's top level) and the
    key-path prefix used in error messages."""
    text = read_whole_text(path, "configuration file")
    try:
        data = loads_toml(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{path}: invalid TOML: {exc}") from None
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        table = tool.get("translator", {}) if isinstance(tool, dict) else {}
        if not isinstance(table, dict):
            raise InputError(f"{path}: tool.translator must be a table")
        return table, "tool.translator"
    return data, ""


def _path(prefix: str, *keys: str) -> str:
    return ".".join(k for k in (prefix, *keys) if k)


def _unknown(path: Path, key_path: str, key: str, known: Iterable[str], what: str = "key") -> InputError:
    close = difflib.get_close_matches(key, list(known), n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else f" (known: {', '.join(sorted(known))})"
    return InputError(f"{path}: {key_path}: unknown {what}{hint}")


def _expect(path: Path, key_path: str, value: Any, kind: str) -> Any:
    ok = {
        "str": isinstance(value, str),
        "list": isinstance(value, list) and all(isinstance(v, str) for v in value),
        "level": isinstance(value, str) and value in LEVELS,
        "format": isinstance(value, str) and value in FORMATS,
        "bool": isinstance(value, bool),
    }[kind]
    if not ok:
        wanted = {
            "str": "a string",
            "list": "a list of strings",
            "level": f"one of {', '.join(LEVELS)}",
            "format": f"one of {', '.join(FORMATS)}",
            "bool": "true or false",
        }[kind]
        raise InputError(f"{path}: {key_path}: expected {wanted}, got {value!r}")
    return value


_KINDS = {
    "lang": "str",
    "source-lang": "str",
    "fail-level": "level",
    "format": "format",
    "glossaries": "list",
    "ignore": "list",
    "baseline": "str",
    "disable": "list",
    "enable": "list",
}


def apply_file(config: Config, path: Path) -> Config:
    """Validate the file and layer its values over ``config``."""
    table, prefix = read_table(path)
    origin = str(path)
    config.path = path
    names = _check_names()
    for key, value in table.items():
        key_path = _path(prefix, key)
        if key == "checks":
            if not isinstance(value, dict):
                raise InputError(f"{path}: {key_path}: expected a table of checks")
            _apply_checks(config, path, key_path, value, origin)
            continue
        if key not in _KINDS:
            raise _unknown(path, key_path, key, [*_KINDS, "checks"])
        _expect(path, key_path, value, _KINDS[key])
        if key in ("lang", "source-lang"):
            value = language_code(value, f"{path}: {key_path}")
        if key == "ignore":
            _check_patterns(path, key_path, value)
        if key in ("glossaries", "baseline"):
            value = _relative(path, value)
        if key in ("disable", "enable"):
            _toggle(config, path, key_path, value, key == "enable", origin, names)
            continue
        config.set(key, value, origin)
    return config


def _check_patterns(path: Path, key_path: str, patterns: list[str]) -> None:
    """Compile each ignore pattern now, so a broken one is a config error
    naming its index rather than a crash when the first file is matched."""
    import pathspec

    for i, pattern in enumerate(patterns):
        try:
            pathspec.GitIgnoreSpec.from_lines([pattern])
        except (ValueError, TypeError) as exc:
            raise InputError(f"{path}: {key_path}[{i}]: invalid pattern {pattern!r} ({exc})") from None


def _relative(path: Path, value: Any) -> Any:
    """Paths in a config file are relative to the file's directory."""
    if isinstance(value, list):
        return [_relative(path, v) for v in value]
    p = Path(value)
    return str(p if p.is_absolute() else path.parent / p)


def _toggle(
    config: Config,
    path: Path | None,
    key_path: str,
    names: list[str],
    on: bool,
    origin: str,
    known: list[str],
) -> None:
    for i, name in enumerate(names):
        if name == "all":
            targets = known
        elif name in known:
            targets = [name]
        else:
            where = f"{path}: {key_path}[{i}]" if path else key_path
            close = difflib.get_close_matches(name, known, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else f" (known: {', '.join(known)})"
            raise InputError(f"{where}: unknown check {name!r}{hint}")
        for target in targets:
            config.set(f"checks.{target}.enabled", on, origin)


def _apply_checks(config: Config, path: Path, key_path: str, table: dict[str, Any], origin: str) -> None:
    names = _check_names()
    for name, settings in table.items():
        check_path = f"{key_path}.{name}"
        if name not in names:
            raise _unknown(path, check_path, name, names, "check")
        if not isinstance(settings, dict):
            raise InputError(f"{path}: {check_path}: expected a table (severity, enabled, thresholds)")
        declared = _declared_options(name)
        for key, value in settings.items():
            item = f"{check_path}.{key}"
            if key == "severity":
                config.set(f"checks.{name}.severity", _expect(path, item, value, "level"), origin)
            elif key == "enabled":
                config.set(f"checks.{name}.enabled", _expect(path, item, value, "bool"), origin)
            else:
                option = key.replace("-", "_")
                if option not in declared:
                    raise _unknown(path, item, option, [*_CHECK_KEYS, *declared], "threshold")
                problem = declared[option].problem(value)
                if problem:
                    raise InputError(f"{path}: {item}: {problem}")
                if isinstance(value, dict):
                    raise InputError(f"{path}: {item}: expected a value, not a table")
                _validate_option(name, option, value, f"{path}: {item}")
                config.set(f"checks.{name}.{option}", value, origin)


@dataclass
class Overrides:
    """Command-line values; ``None``/empty means "not given"."""

    lang: str | None = None
    source_lang: str | None = None
    fail_level: str | None = None
    format: str | None = None
    glossaries: tuple[str, ...] = ()
    baseline: str | None = None
    disable: tuple[str, ...] = ()
    enable: tuple[str, ...] = ()
    severities: tuple[str, ...] = ()  # CHECK=LEVEL
    options: tuple[str, ...] = ()  # CHECK.KEY=VALUE (a threshold)


def load_config(
    config_path: str | None = None,
    overrides: Overrides | None = None,
    *,
    isolated: bool = False,
    start: Path | None = None,
) -> Config:
    """Defaults, then the configuration file, then the command line."""
    config = defaults()
    if not isolated:
        path = Path(config_path) if config_path else find_config(start)
        if path is not None:
            if path.is_dir():
                raise InputError(f"{path}: is a directory, expected a .toml configuration file")
            apply_file(config, path)
    if overrides:
        _apply_overrides(config, overrides)
    return config


def _apply_overrides(config: Config, o: Overrides) -> None:
    for key, value in (
        ("lang", o.lang),
        ("source-lang", o.source_lang),
        ("fail-level", o.fail_level),
        ("format", o.format),
        ("baseline", o.baseline),
    ):
        if value is not None:
            if key in ("lang", "source-lang"):
                value = language_code(value, f"--{key}")
            config.set(key, value, COMMAND_LINE)
    if o.glossaries:
        config.set("glossaries", list(o.glossaries), COMMAND_LINE)
    names = _check_names()
    _toggle(config, None, "--disable", list(o.disable), False, COMMAND_LINE, names)
    _toggle(config, None, "--enable", list(o.enable), True, COMMAND_LINE, names)
    for item in o.severities:
        name, sep, level = item.partition("=")
        if not sep or level not in LEVELS:
            raise InputError(f"--severity {item}: expected CHECK=LEVEL with LEVEL one of {', '.join(LEVELS)}")
        if name not in names:
            raise InputError(f"--severity {item}: unknown check {name!r} (known: {', '.join(names)})")
        config.set(f"checks.{name}.severity", level, COMMAND_LINE)
    for item in o.options:
        _apply_option(config, item, names)


def _apply_option(config: Config, item: str, names: list[str]) -> None:
    """``--option residue.min_words=3``: a threshold, its value read as TOML."""
    key, sep, raw = item.partition("=")
    name, dot, option = key.strip().partition(".")
    if not sep or not dot or not option:
        raise InputError(f"--option {item}: expected CHECK.KEY=VALUE, e.g. residue.min_words=3")
    if name not in names:
        raise InputError(f"--option {item}: unknown check {name!r} (known: {', '.join(names)})")
    option = option.replace("-", "_")
    try:
        value = loads_toml(f"v = {raw}")["v"]
    except tomllib.TOMLDecodeError:
        value = raw  # a bare word is a string
    declared = _declared_options(name)
    if option not in declared:
        close = difflib.get_close_matches(option, list(declared), n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else f" (known: {', '.join(declared) or 'none'})"
        raise InputError(f"--option {item}: unknown threshold {option!r} of {name}{hint}")
    problem = declared[option].problem(value)
    if problem:
        raise InputError(f"--option {item}: {problem}")
    _validate_option(name, option, value, f"--option {item}")
    config.set(f"checks.{name}.{option}", value, COMMAND_LINE)


def _validate_option(name: str, option: str, value: Any, where: str) -> None:
    """Let a check refuse a malformed value (a custom rule with an invalid
    regular expression) when the configuration is read, not mid-run."""
    from ..checks import CHECKS

    for check in CHECKS:
        validate = getattr(check, "validate_option", None) if check.name == name else None
        if validate is not None:
            try:
                validate(option, value)
            except InputError as exc:
                raise InputError(f"{where}: {exc}") from None
