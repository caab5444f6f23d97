"""The command-line interface: a thin Click layer over library functions.

Each command lives in its own module and imports the pipeline only when it
runs, so ``translator --help`` stays instant. Errors the user can act on
(:class:`~translator.errors.TranslatorError`) become one line on stderr and
exit code 2; there is never a traceback for bad input.
"""

from __future__ import annotations

import sys

import click

from .. import __version__
from ..errors import TranslatorError


class TranslatorGroup(click.Group):
    """A group that turns expected errors into one-line messages."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except TranslatorError as exc:
            click.echo(f"translator: error: {exc}", err=True)
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("translator: interrupted", err=True)
            sys.exit(130)
        except BrokenPipeError:
            sys.exit(0)


@click.group(cls=TranslatorGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="translator")
def main() -> None:
    """Compare versions of an article across languages, offline.

    \b
    Typical use:
      translator compare original.md translation.md
      translator detect article.txt
    """


from . import compare as _compare  # noqa: E402
from . import detect as _detect  # noqa: E402

main.add_command(_compare.compare)
main.add_command(_detect.detect)
