"""The command-line interface: a thin Click layer over library functions.

Each command lives in its own module and imports the pipeline only when it
runs, so ``translator --help`` stays instant. Errors the user can act on
(:class:`~translator.errors.TranslatorError`) become one line on stderr and
exit code 2; there is never a traceback for bad input. Anything else is a
bug: one line saying so and where to report it, exit code 3
(``TRANSLATOR_DEBUG=1`` re-raises it with its traceback).
"""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from .. import __version__
from ..errors import CRASH_EXIT_CODE, TranslatorError, crash_message


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl-C so every ``finally`` and atomic write
    cleans up (no half-written file) before the process exits with 143."""


def _raise_terminated(signum: int, frame: object) -> None:
    raise Terminated()


def _terminate_as_interrupt() -> Any:
    """Route SIGTERM through the same clean-up path as Ctrl-C.

    Python's default for SIGTERM kills the process on the spot, which would
    leave temporary files behind and batch state unsaved. Only the main
    thread may install handlers (tests may run the CLI elsewhere).
    """
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        return None
    return signal.signal(signal.SIGTERM, _raise_terminated)


class TranslatorGroup(click.Group):
    """A group that turns expected errors into one-line messages."""

    def invoke(self, ctx: click.Context):
        previous = _terminate_as_interrupt()
        try:
            return super().invoke(ctx)
        except TranslatorError as exc:
            click.echo(f"translator: error: {exc}", err=True)
            sys.exit(exc.exit_code)
        except Terminated:
            click.echo("translator: terminated; no partial output was written", err=True)
            sys.exit(143)
        except KeyboardInterrupt:
            click.echo("translator: interrupted; no partial output was written", err=True)
            sys.exit(130)
        except BrokenPipeError:
            sys.exit(0)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise  # usage errors and --help: Click prints them and exits 2 / 0
        except Exception as exc:
            if os.environ.get("TRANSLATOR_DEBUG"):
                raise
            click.echo(crash_message(exc), err=True)
            sys.exit(CRASH_EXIT_CODE)
        finally:
            if previous is not None:
                import signal

                signal.signal(signal.SIGTERM, previous)


@click.group(cls=TranslatorGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="translator")
def main() -> None:
    """Compare versions of an article across languages, offline.

    \b
    Typical use:
      translator compare original.md translation.md
      translator detect article.txt
    """


from . import align as _align  # noqa: E402
from . import baseline as _baseline  # noqa: E402
from . import batch as _batch  # noqa: E402
from . import check as _check  # noqa: E402
from . import compare as _compare  # noqa: E402
from . import config as _config  # noqa: E402
from . import detect as _detect  # noqa: E402
from . import dictionaries as _dictionaries  # noqa: E402
from . import doctor as _doctor  # noqa: E402
from . import glossary as _glossary  # noqa: E402
from . import models as _models  # noqa: E402
from . import serve as _serve  # noqa: E402
from . import translate as _translate  # noqa: E402

main.add_command(_align.align)
main.add_command(_baseline.baseline)
main.add_command(_batch.batch)
main.add_command(_check.check)
main.add_command(_config.config)
main.add_command(_compare.compare)
main.add_command(_detect.detect)
main.add_command(_dictionaries.dictionaries)
main.add_command(_doctor.doctor)
main.add_command(_glossary.glossary)
main.add_command(_models.models)
main.add_command(_serve.serve)
main.add_command(_translate.translate)
