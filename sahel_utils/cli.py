"""Command line: ``python -m sahel_utils build | report | evaluate``.

``build`` exits with status 1 only when nothing could be read; files it could
not read are listed with the reason and the build goes on with the others.
``report`` exits with status 1 when a notebook failed (all others are still
rendered). ``evaluate`` prints the gold scores per stage.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from sahel_utils.core import paths


class _ReportHelp(argparse.Action):
    """``report --help``: the options, then every notebook's parameters with their defaults.

    The notebooks are read only when help is asked for, so other commands start as fast.
    """

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        kwargs.update(nargs=0, default=argparse.SUPPRESS)
        super().__init__(option_strings, dest, **kwargs)

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        from sahel_utils.report import parameters_help

        del namespace, values, option_string  # help takes no value

        parser.epilog = parameters_help()
        parser.print_help()
        parser.exit()


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
    # issue 15: the same build on a Dask cluster (sahel_utils/distributed.py)
    build.add_argument(
        "--engine",
        choices=("local", "dask"),
        default="local",
        help="local: this machine; dask: a dask.distributed cluster (default: local)",
    )
    build.add_argument(
        "--scheduler",
        default=None,
        metavar="ADDRESS",
        help="with --engine dask: a running scheduler (tcp://host:8786); "
        "default: a local cluster of 2 workers",
    )

    report = sub.add_parser(
        "report",
        help="execute the notebooks and write HTML reports",
        description=textwrap.fill(
            "Execute every notebook (or those of --notebook) on the tables of --processed and "
            "write <name>.html (code hidden), <name>-code.html and index.html in --out; "
            "figures (PNG + CSV) go to <out>/figures. Progress, one line per notebook, goes "
            "to stderr. Exits 1 when a notebook failed (a parameter error fails its report).",
            78,
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
        add_help=False,
    )
    report.add_argument(
        "-h", "--help", action=_ReportHelp, help="show this help and the notebooks' parameters"
    )
    report.add_argument(
        "--notebook",
        action="append",
        default=None,
        metavar="NAME",
        help="only this notebook (file name or stem); repeatable; the index keeps the others "
        "(default: every notebook of notebooks/)",
    )
    report.add_argument(
        "-p",
        "--parameter",
        nargs=2,
        action="append",
        default=[],
        metavar=("KEY", "VALUE"),
        help="notebook parameter passed to papermill; repeatable. Lists as JSON or YAML: "
        "-p focus_countries '[\"NER\", \"MLI\"]' or '[NER, MLI]'; numbers and true/false "
        "are typed; each notebook's parameters and defaults are listed below",
    )
    report.add_argument(
        "-y",
        "--parameters-yaml",
        action="append",
        default=[],
        metavar="YAML",
        help="notebook parameters as a YAML mapping, as papermill's -y: "
        "-y 'focus_countries: [NER]\ndate_from: \"2024\"'; repeatable",
    )
    report.add_argument(
        "--processed",
        type=Path,
        default=None,
        help=f"folder of the tables to report on (default: {paths.PROCESSED})",
    )
    report.add_argument(
        "--out", type=Path, default=None, help=f"reports folder (default: {paths.REPORTS})"
    )

    evaluate = sub.add_parser(
        "evaluate",
        help="print the scores on the gold per stage",
        description="Score a build against the seed gold (data/gold/), stage by stage "
        "(precision, recall, F1 and counts), and optionally a build of the real-press dev "
        "corpus against data/gold/dev/.",
    )
    evaluate.add_argument(
        "--processed",
        type=Path,
        default=None,
        help=f"folder of the tables to score against the seed gold (default: {paths.PROCESSED})",
    )
    evaluate.add_argument(
        "--dev",
        type=Path,
        default=None,
        metavar="FOLDER",
        help="also score a build of the real-press dev corpus (../shared/dev/*.jsonl) against "
        "data/gold/dev/, per part (tuned, held_aside, all); default: none",
    )
    return parser


def _preload_model(progress: bool) -> tuple[dict[str, float], dict[str, int], float]:
    """In the tagging process: load the model, then the build's modules; the ``load`` step."""
    import time

    start = time.process_time()
    from sahel_utils.annotation.nlp import shared_nlp

    shared_nlp(progress)
    seconds = time.process_time() - start
    from sahel_utils import build  # what the tagging tasks will run

    return {"load": seconds}, {}, build.peak_mb()


def prestart_tagging(
    inputs: list[Path], cache_dir: Path | None, progress: bool
) -> tuple[Any, Any] | None:
    """Fork the build's tagging process now, before the build's modules are imported.

    When an input file is new or changed since the last build with this cache
    (:func:`core.cache.inputs_added`: nothing is read, files are only listed), the
    process starts loading the model at once, while this one imports the stages and
    reads the corpus; otherwise it waits, and loads the model only if some article
    turns out to need tagging.

    Returns:
        ``(executor, warm future or None)`` for :func:`sahel_utils.build.build`, or None
        where fork is unavailable.

    """
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    from sahel_utils.core.cache import inputs_added

    if "fork" not in mp.get_all_start_methods():
        return None
    executor = ProcessPoolExecutor(1, mp_context=mp.get_context("fork"))
    if inputs_added(inputs or [paths.RAW], cache_dir or paths.CACHE):
        return executor, executor.submit(_preload_model, progress)
    executor.submit(int)  # forks the process now, with a small heap
    return executor, None


def _stop_tagging(tagger: tuple[Any, Any] | None) -> None:
    """Let the early tagging process go; stop a model still loading for a build that failed."""
    if tagger is None:
        return
    executor, warm = tagger
    if warm is not None and not warm.done():  # its processes: no public way to them
        for process in list((getattr(executor, "_processes", None) or {}).values()):
            process.terminate()
    executor.shutdown(wait=False, cancel_futures=True)


def _run_build(args: argparse.Namespace) -> int:
    tagger = None
    if args.engine == "local":
        tagger = prestart_tagging(list(args.inputs), args.cache, not args.no_progress)
    from sahel_utils.build import build
    from sahel_utils.core.publish import OutputLocked

    try:
        summary = build(
            inputs=list(args.inputs) or None,
            out_dir=args.out,
            cache_dir=args.cache,
            progress=not args.no_progress,
            n_process=args.n_process,
            engine=args.engine,
            scheduler=args.scheduler,
            tagger=tagger,
        )
    except KeyboardInterrupt:
        print(
            "Interrupted: the output folder still holds the previous build, whole.",
            file=sys.stderr,
        )
        return 130
    except OutputLocked as err:
        print(err, file=sys.stderr)
        return 75
    finally:
        _stop_tagging(tagger)
    print(summary.format())
    return 0 if summary.ok else 1


def parameter_value(text: str) -> Any:
    """A ``-p KEY VALUE`` value: JSON/YAML lists and mappings, booleans and numbers typed."""
    from sahel_utils.analysis.parameters import parse_value

    return parse_value(text)


def report_parameters(args: argparse.Namespace) -> dict[str, Any]:
    """The ``-y`` mappings then the ``-p`` values (later ones win), typed.

    Raises:
        ValueError: A ``-y`` that is not a YAML mapping, or a malformed ``-p`` list.

    """
    import yaml

    from sahel_utils.analysis.parameters import plain_values

    params: dict[str, Any] = {}
    for text in getattr(args, "parameters_yaml", []) or []:
        try:
            mapping = yaml.safe_load(text)
        except yaml.YAMLError as err:
            raise ValueError(f"-y {text!r} is not valid YAML: {err}") from None
        if not isinstance(mapping, dict):
            raise ValueError(f"-y {text!r} is not a YAML mapping of NAME: VALUE")
        params.update(plain_values(mapping))
    for key, value in args.parameter:
        params[key] = parameter_value(value)
    return params


def _run_report(args: argparse.Namespace) -> int:
    from sahel_utils.report import render_reports

    try:
        parameters = report_parameters(args)
    except ValueError as err:
        print(f"report: {err}", file=sys.stderr)
        return 2
    try:
        result = render_reports(
            notebooks=args.notebook,
            parameters=parameters,
            processed_dir=args.processed,
            reports_dir=args.out,
            progress=True,
        )
    except (FileNotFoundError, ValueError) as err:  # unknown notebook or parameter name
        print(f"report: {err}", file=sys.stderr)
        return 2
    print(result.format())
    return 0 if result.ok else 1


def _run_evaluate(args: argparse.Namespace) -> int:
    from sahel_utils.analysis.loading import TableError, load_tables
    from sahel_utils.evaluation import INPUTS, evaluate_all, is_count

    try:
        tables = load_tables(args.processed, INPUTS)
    except (FileNotFoundError, TableError) as err:
        print(err, file=sys.stderr)
        return 1
    results = evaluate_all(tables)
    if not results:
        print("No stage has a scoring module yet.")
    for stage, scores in results.items():
        print(stage)
        for metric, value in scores.items():
            print(f"  {metric:<32} {_shown(metric, value, is_count)}")
    if args.dev is not None:
        return _print_dev_scores(args.dev)
    return 0


def _shown(metric: str, value: object, is_count: Callable[[str], bool]) -> str:
    if isinstance(value, float) and is_count(metric) and value.is_integer():
        return str(int(value))
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def _print_dev_scores(folder: Path) -> int:
    from sahel_utils.analysis.loading import TableError, load_tables
    from sahel_utils.evaluation import INPUTS, is_count
    from sahel_utils.evaluation.dev import score_dev

    try:
        tables = load_tables(folder, INPUTS)
    except (FileNotFoundError, TableError) as err:
        print(err, file=sys.stderr)
        return 1
    scores = score_dev(tables)
    print(f"\nreal-press dev gold (data/gold/dev/), build in {folder}")
    print(f"  {'stage / metric':<40} {'tuned':>10} {'held_aside':>10} {'all':>10}")
    for (stage, metric), group in scores.groupby(["stage", "metric"], sort=False):
        by_part = dict(zip(group["part"], group["value"], strict=True))
        name, label = str(metric), f"{stage} / {metric}"
        cells = [_shown(name, by_part.get(p), is_count) for p in ("tuned", "held_aside", "all")]
        print(f"  {label:<40} " + " ".join(f"{c:>10}" for c in cells))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the process exit status."""
    args = _parser().parse_args(argv)
    runners = {"build": _run_build, "report": _run_report, "evaluate": _run_evaluate}
    try:
        return runners[args.command](args)
    except KeyboardInterrupt:
        # An interrupt while starting up (imports, model loading) or reporting: nothing
        # was written that is not whole (the build's own handler speaks of its tables).
        print("Interrupted.", file=sys.stderr)
        return 130
