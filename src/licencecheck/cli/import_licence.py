"""`licencecheck import`: read the text of a licence (OCR, a copy from the ministry's licence
query, or a PDF's text layer) into a licence YAML file. (`import` is a Python keyword, hence
the module's and the function's names.)"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from licencecheck.cli import common as cli
from licencecheck.i18n import N_, _

if TYPE_CHECKING:
    from licencecheck.importing.core import ImportResult

EPILOG = N_("""
Examples:

    licencecheck import tests/data/licence_text_yu_B2_20210467.txt --output imported.yaml

    licencecheck import examples/licences/cross_regional_B1_B2.txt > cross_regional.yaml

    cat tests/data/licence_text_yu_B2_20210467.txt | licencecheck import - 2>/dev/null | head -20

FILE holds OCR text of the paper certificate or text copied from the licence query of the
ministry's management system, or is a PDF e-certificate (its text layer; a scan without one
needs OCR first). Facts not printed (a blank seal, an unprinted coverage area) are inferred
from the licence number and marked `inferred`. Provisions are recognised from their wording by
the templates in data/provision_templates.yaml. What was read and inferred goes to stderr.

Exit codes: 0 a complete licence was written (it validates); 1 it was written with gaps, each
`null` with a `# GAP:` comment and listed on stderr as FILE:LINE: gap: (validate refuses the
file until they are filled in); 2 not a licence text, or it could not be read (nothing written).
""")


@cli.app.command(
    "import",
    help=N_("Read the text of a licence into a licence YAML file (gaps marked, never guessed)."),
    epilog=EPILOG,
)
def import_command(
    text: Annotated[
        str,
        typer.Argument(
            metavar="FILE",
            help=N_("The licence text: a UTF-8 text file or a PDF; - reads standard input."),
            show_default=False,
        ),
    ],
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help=N_("Write the licence YAML to FILE (default, or -: standard output)."),
            show_default=False,
        ),
    ] = None,
    no_color: cli.NoColorOption = False,
) -> None:
    """Read the text of a licence into a licence YAML file (gaps marked, never guessed)."""
    from licencecheck.importing.core import import_licence
    from licencecheck.importing.source import read_source
    from licencecheck.inputs import STDIN_NAMES

    result = import_licence(read_source("-" if text in STDIN_NAMES else text))
    if output is None or output == "-":
        from licencecheck.cli.edge import emit

        emit(result.yaml_text, kind="utf8")
    else:
        from licencecheck.outputs import publish

        publish([(Path(output), result.yaml_text)])
    _tell(result, output if output not in (None, "-") else None)
    raise typer.Exit(0 if result.complete else 1)


def _tell(result: ImportResult, output: str | None) -> None:
    """The summary and the gaps, on stderr."""
    import sys

    from licencecheck.safetext import printable

    gaps = sorted(result.gaps, key=lambda gap: gap.line)
    lines = [_("import: {line}").format(line=line) for line in result.summary]
    lines += [
        _("{source}:{line}: gap: {message}").format(source=result.source, line=gap.line, message=gap.message)
        for gap in gaps
    ]
    lines.append(_("import: {line}").format(line=_finished(result, output)))
    sys.stderr.write("".join(f"{printable(line, keep_newlines=False)}\n" for line in lines))
    sys.stderr.flush()


def _finished(result: ImportResult, output: str | None) -> str:
    """What was written where: a complete licence, or a file with gaps to fill in."""
    count = len(result.gaps)
    if result.complete:
        if output is None:
            return _("wrote a complete licence for {number} to standard output").format(number=result.number)
        return _("wrote a complete licence for {number} to {where}").format(number=result.number, where=output)
    if output is None:
        return _(
            "wrote standard output with {count} gap(s): fill in each `# GAP`, then `licencecheck validate` it"
        ).format(count=count)
    return _("wrote {where} with {count} gap(s): fill in each `# GAP`, then `licencecheck validate` it").format(
        where=output, count=count
    )
