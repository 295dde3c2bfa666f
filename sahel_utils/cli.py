"""Command line: ``python -m sahel_utils build | report | evaluate``.

``build`` exits with status 1 only when nothing could be read; files it could
not read are listed with the reason and the build goes on with the others.
``report`` exits with status 1 when a notebook failed (all others are still
rendered). ``evaluate`` prints the gold scores per stage.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from sahel_utils.core import paths


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m sahel_utils",
        description="Sahel cooperation press-analysis suite.",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    build = sub.add_parser("build", help="read raw files and write the tables")
    build.add_argument(
        "inputs",
        nargs="*",
        type=Path,
        metavar="INPUT",
        help=f"files and/or folders to read (default: {paths.RAW})",
    )
    build.add_argument(
        "--out", type=Path, default=None, help=f"output folder (default: {paths.PROCESSED})"
    )
    build.add_argument(
        "--cache", type=Path, default=None, help=f"tagging cache (default: {paths.CACHE})"
    )
    build.add_argument(
        "--n-process",
        type=int,
        default=None,
        help="processes for tagging (default: 1 for small corpora, both cores for large)",
    )
    build.add_argument("--no-progress", action="store_true", help="no progress bar")

    report = sub.add_parser("report", help="execute the notebooks and write HTML reports")
    report.add_argument(
        "--notebook",
        action="append",
        default=None,
        metavar="NAME",
        help="only this notebook (file name or stem); repeatable",
    )
    report.add_argument(
        "-p",
        "--parameter",
        nargs=2,
        action="append",
        default=[],
        metavar=("KEY", "VALUE"),
        help="notebook parameter passed to papermill; repeatable",
    )
    report.add_argument(
        "--processed", type=Path, default=None, help="folder of the tables to report on"
    )
    report.add_argument(
        "--out", type=Path, default=None, help=f"reports folder (default: {paths.REPORTS})"
    )

    evaluate = sub.add_parser("evaluate", help="print the scores on the gold per stage")
    evaluate.add_argument(
        "--processed", type=Path, default=None, help="folder of the tables to score"
    )
    return parser


def _run_build(args: argparse.Namespace) -> int:
    from sahel_utils.build import build

    try:
        summary = build(
            inputs=list(args.inputs) or None,
            out_dir=args.out,
            cache_dir=args.cache,
            progress=not args.no_progress,
            n_process=args.n_process,
        )
    except KeyboardInterrupt:
        print("Interrupted: every table is either the previous one or complete.", file=sys.stderr)
        return 130
    print(summary.format())
    return 0 if summary.ok else 1


def parameter_value(text: str) -> bool | int | float | str:
    """A ``-p KEY VALUE`` value: booleans and numbers are converted, the rest kept."""
    if text in ("True", "true", "False", "false"):
        return text.lower() == "true"
    for convert in (int, float):
        try:
            return convert(text)
        except ValueError:
            pass
    return text


def _run_report(args: argparse.Namespace) -> int:
    from sahel_utils.report import render_reports

    result = render_reports(
        notebooks=args.notebook,
        parameters={key: parameter_value(value) for key, value in args.parameter},
        processed_dir=args.processed,
        reports_dir=args.out,
    )
    print(result.format())
    return 0 if result.ok else 1


def _run_evaluate(args: argparse.Namespace) -> int:
    from sahel_utils.evaluation import evaluate_all, is_count, load_tables

    try:
        tables = load_tables(args.processed)
    except FileNotFoundError as err:
        print(err, file=sys.stderr)
        return 1
    results = evaluate_all(tables)
    if not results:
        print("No stage has a scoring module yet.")
    for stage, scores in results.items():
        print(stage)
        for metric, value in scores.items():
            if is_count(metric) and float(value).is_integer():
                shown = str(int(value))
            elif isinstance(value, float):
                shown = f"{value:.3f}"
            else:
                shown = str(value)
            print(f"  {metric:<32} {shown}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the process exit status."""
    args = _parser().parse_args(argv)
    runners = {"build": _run_build, "report": _run_report, "evaluate": _run_evaluate}
    return runners[args.command](args)
