"""``translator models``: install, list, remove and check Argos translation packages."""

from __future__ import annotations

import json
import sys

import click


@click.group()
def models() -> None:
    """Manage offline translation models (Argos Translate packages).

    \b
    Packages live in ARGOS_PACKAGES_DIR (default
    ~/.local/share/argos-translate/packages), shared with argostranslate.
    """


@models.command("list")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def list_(fmt: str) -> None:
    """Installed packages and every language pair they reach (pivots included)."""
    from ..translate.packages import installed_packages, package_problem, packages_dir, reachable_pairs

    pkgs = installed_packages()
    pairs = reachable_pairs(pkgs)
    if fmt == "json":
        data = {
            "packages_dir": str(packages_dir()),
            "packages": [
                {
                    "name": p.name,
                    "from": p.from_code,
                    "to": p.to_code,
                    "version": p.version,
                    "path": str(p.path),
                    "problem": package_problem(p),
                }
                for p in pkgs
            ],
            "pairs": [{"from": a, "to": b, "via": via} for a, b, via in pairs],
        }
        click.echo(json.dumps(data, indent=2))
        return
    if not pkgs:
        click.echo(f"no packages installed in {packages_dir()}")
        click.echo(
            "install one with 'translator models install FROM TO' or 'translator models install FILE.argosmodel'"
        )
        return
    click.echo(f"packages in {packages_dir()}:")
    for p in pkgs:
        problem = package_problem(p)
        note = f"  (unusable: {problem})" if problem else ""
        click.echo(f"  {p.from_code} -> {p.to_code}  {p.label}  {p.from_name} -> {p.to_name}{note}")
    click.echo("pairs:")
    for a, b, via in pairs:
        click.echo(f"  {a} -> {b}" + (f"  (via {' -> '.join(via)})" if via else ""))


@models.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--offline", is_flag=True, help="Use the saved index; do not go online.")
def available(fmt: str, offline: bool) -> None:
    """Packages in the Argos package index (fetched with a timeout)."""
    from ..translate.packages import available_packages, installed_packages

    pkgs = available_packages(refresh=not offline)
    have = {(p.from_code, p.to_code, p.version) for p in installed_packages()}
    if fmt == "json":
        click.echo(
            json.dumps(
                [
                    {
                        "from": p.from_code,
                        "to": p.to_code,
                        "version": p.version,
                        "installed": (p.from_code, p.to_code, p.version) in have,
                    }
                    for p in pkgs
                ],
                indent=2,
            )
        )
        return
    for p in pkgs:
        mark = "  [installed]" if (p.from_code, p.to_code, p.version) in have else ""
        click.echo(f"{p.from_code} -> {p.to_code}  {p.name} {p.version}  {p.from_name} -> {p.to_name}{mark}")


@models.command()
@click.argument("args", nargs=-1, required=True, metavar="FROM TO | FILE.argosmodel")
def install(args: tuple[str, ...]) -> None:
    """Install from the index (FROM TO, online) or from a file (offline)."""
    from ..errors import InputError
    from ..translate.packages import install_from_file, install_from_index

    if len(args) == 1:
        pkg = install_from_file(args[0])
    elif len(args) == 2:
        from .common import download_progress

        with download_progress() as progress:
            pkg = install_from_index(args[0], args[1], progress=progress)
    else:
        raise InputError("install takes FROM TO (from the index) or one FILE.argosmodel")
    click.echo(f"installed {pkg.label} ({pkg.from_code} -> {pkg.to_code}) in {pkg.path}")


@models.command()
@click.argument("from_code", metavar="FROM")
@click.argument("to_code", metavar="TO")
def remove(from_code: str, to_code: str) -> None:
    """Remove the installed package for FROM -> TO."""
    from ..translate.packages import remove_package

    for pkg in remove_package(from_code, to_code):
        click.echo(f"removed {pkg.label} from {pkg.path.parent}")


@models.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def doctor(fmt: str) -> None:
    """Check that offline translation will work; never uses the network.

    Exits 1 when a problem was found.
    """
    from ..translate.doctor import run_doctor

    report = run_doctor()
    if fmt == "json":
        click.echo(json.dumps(report.to_dict(), indent=2))
    else:
        for status, message in report.lines:
            click.echo(f"[{status}] {message}")
        click.echo("all good" if report.ok else f"{report.problems} problem(s) found")
    if not report.ok:
        sys.exit(1)
