"""``translator dictionaries``: which FreeDict dictionaries the aligner finds, and installing one."""

from __future__ import annotations

import json

import click


@click.group(invoke_without_command=True)
@click.pass_context
def dictionaries(ctx: click.Context) -> None:
    """Bilingual FreeDict dictionaries that help align versions in two languages.

    \b
    Without a subcommand: the same as 'list'. The aligner searches
    $XDG_DATA_HOME/translator/dictd (where 'install' puts them) and
    /usr/share/dictd (Debian's dict-freedict-* packages), which
    TRANSLATOR_DICTD_DIR replaces.
    """
    if ctx.invoked_subcommand is None:
        ctx.invoke(list_)


@dictionaries.command("list")
@click.argument("langs", nargs=-1, metavar="[LANG_A LANG_B]")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def list_(langs: tuple[str, ...], fmt: str) -> None:
    """Installed dictionaries and where; for LANG_A LANG_B, what is missing and how to get it."""
    from ..align.dictd import search_dirs
    from ..align.freedict import apt_command, install_command, installed, pair_status
    from ..errors import InputError

    if len(langs) not in (0, 2):
        raise InputError("give no language or a pair (for example: translator dictionaries list de en)")
    found = installed()
    status = pair_status(*langs) if langs else []
    if fmt == "json":
        data = {
            "search_dirs": [str(d) for d in search_dirs()],
            "installed": [{"name": d.name, "index": str(d.index)} for d in found],
        }
        if langs:
            data["pair"] = {
                "directions": [{"name": n, "index": str(p) if p else None} for n, p in status],
                "install": None if all(p for _, p in status) else install_command(*langs),
            }
        click.echo(json.dumps(data, indent=2))
        return
    click.echo("searched: " + ", ".join(str(d) for d in search_dirs()))
    if not langs:
        for d in found:
            click.echo(f"  {d.name}  {d.index}")
        if not found:
            click.echo("no FreeDict dictionary installed")
            click.echo(
                "install one with 'translator dictionaries install LANG_A LANG_B' (for example: de en)"
            )
        return
    for name, path in status:
        click.echo(f"  {name}  {path if path else 'missing'}")
    if not all(path for _, path in status):
        click.echo(
            f"get {'it' if any(p for _, p in status) else 'them'} with '{install_command(*langs)}' "
            f"(or, as root on Debian: {apt_command(*langs)})"
        )


@dictionaries.command()
@click.argument("lang_a")
@click.argument("lang_b")
@click.option(
    "--database",
    metavar="URL",
    help="FreeDict's release database (default: $TRANSLATOR_FREEDICT_DATABASE or freedict.org's).",
)
def install(lang_a: str, lang_b: str, database: str | None) -> None:
    """Download FreeDict's dictionaries for LANG_A <-> LANG_B (both directions
    when published) into $XDG_DATA_HOME/translator/dictd; checksums verified."""
    from ..align.freedict import install_pair
    from .common import download_progress

    with download_progress() as progress:
        done = install_pair(lang_a, lang_b, database=database, progress=progress)
    for release, index in done:
        click.echo(f"installed {release.name} {release.version} in {index.parent}")


@dictionaries.command()
@click.argument("lang_a")
@click.argument("lang_b")
def remove(lang_a: str, lang_b: str) -> None:
    """Remove LANG_A <-> LANG_B from $XDG_DATA_HOME/translator/dictd (system packages are left to apt)."""
    from ..align.dictd import user_dir
    from ..align.freedict import remove_pair
    from ..errors import InputError

    gone = remove_pair(lang_a, lang_b)
    if not gone:
        raise InputError(f"no {lang_a}-{lang_b} dictionary is installed in {user_dir()}")
    for index in gone:
        click.echo(f"removed {index.stem.removeprefix('freedict-')} from {index.parent}")
