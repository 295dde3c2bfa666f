"""The output folder switches whole from one build to the next, under a lock."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pandas as pd
import pytest

from sahel_utils import build
from sahel_utils.core import publish


def _folder(path: Path, files: dict[str, str]) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (path / name).write_text(text, encoding="utf-8")
    return path


def _contents(path: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(path.iterdir()) if p.is_file()}


def test_swap_replaces_the_tables_and_keeps_other_files(tmp_path):
    out = _folder(tmp_path / "processed", {"a.parquet": "old", ".gitkeep": "", "notes.txt": "n"})
    staging = publish.new_staging(out)
    _folder(staging, {"a.parquet": "new", "b.parquet": "new"})
    publish.swap_in(staging, out, {"a.parquet", "b.parquet"})
    assert _contents(out) == {
        ".gitkeep": "",
        "a.parquet": "new",
        "b.parquet": "new",
        "notes.txt": "n",
    }
    assert not list(tmp_path.glob(".processed.staging-*"))
    assert not list(tmp_path.glob(".processed.previous-*"))


def test_swap_without_exchange_uses_two_renames(tmp_path, monkeypatch):
    monkeypatch.setattr(publish, "_exchange", lambda a, b: False)
    out = _folder(tmp_path / "processed", {"a.parquet": "old"})
    staging = _folder(publish.new_staging(out), {"a.parquet": "new"})
    publish.swap_in(staging, out, {"a.parquet"})
    assert _contents(out) == {"a.parquet": "new"}


def test_a_half_done_two_rename_swap_is_repaired(tmp_path):
    out = tmp_path / "processed"
    _folder(tmp_path / ".processed.previous-x1", {"a.parquet": "old"})
    _folder(tmp_path / ".processed.staging-x2", {"a.parquet": "half"})
    removed = publish.clean_stale(out)
    assert _contents(out) == {"a.parquet": "old"}
    assert tmp_path / ".processed.staging-x2" in removed


def test_stale_temporary_files_are_removed(tmp_path):
    out = _folder(tmp_path / "processed", {"a.parquet": "old", ".articles.abc.tmp": ""})
    publish.clean_stale(out)
    assert _contents(out) == {"a.parquet": "old"}


def test_a_second_build_on_the_same_folder_stops_with_a_clear_message(tmp_path):
    out = tmp_path / "processed"
    script = textwrap.dedent(
        f"""
        import sys, time
        from pathlib import Path
        from sahel_utils.core import publish
        with publish.output_lock(Path({str(out)!r})):
            print("locked", flush=True)
            time.sleep(30)
        """
    )
    holder = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(publish.OutputLocked, match=f"pid {holder.pid}.*writing to"):
            with publish.output_lock(out):
                pass
    finally:
        holder.kill()
        holder.wait()
    with publish.output_lock(out):  # released when the holder dies
        pass


@pytest.fixture(scope="module")
def computed_tables(tmp_path_factory, request) -> tuple[Path, Path]:
    """Pickled stage outputs of two builds: the seed's first file, and the whole seed."""
    seed = request.getfixturevalue("seed_tables")
    folder = tmp_path_factory.mktemp("computed")
    first_file = sorted(seed["articles"]["source_file"])[0]
    old = {
        name: df[df["article_id"].str.startswith(first_file + "#")]
        if "article_id" in df.columns and df["article_id"].notna().all()
        else df.iloc[0:0]
        for name, df in seed.items()
    }
    pd.to_pickle(old, folder / "old.pkl")
    pd.to_pickle(seed, folder / "new.pkl")
    return folder / "old.pkl", folder / "new.pkl"


RUNNER = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    import pandas as pd
    from sahel_utils import build
    from sahel_utils.core import publish, tables
    kill_at, sig, out, computed = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
    # Ctrl-C as in a terminal, even when the tests run in the background (a shell
    # starts background jobs with SIGINT ignored, and Python then keeps it ignored)
    import signal
    signal.signal(signal.SIGINT, signal.default_int_handler)
    calls = 0
    def counting(original):
        def wrapper(*args, **kwargs):
            global calls
            calls += 1
            if calls == kill_at:
                os.kill(os.getpid(), sig)
            return original(*args, **kwargs)
        return wrapper
    tables.write_table = counting(tables.write_table)
    tables.write_text_atomic = counting(tables.write_text_atomic)
    publish.swap_in = counting(publish.swap_in)
    class Parsed:
        problems, files_read = [], 1
    build.run_stages = lambda *args, **kwargs: (pd.read_pickle(computed), Parsed())
    try:
        build.build([Path(out)], out_dir=Path(out), cache_dir=None, progress=False)
    except KeyboardInterrupt:
        sys.exit(130)
    """
)


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT])
def test_a_build_killed_at_any_write_leaves_the_old_build_or_the_new_one(
    tmp_path, sig, computed_tables
):
    """Kill the write phase at each table write, at the summary and at the swap."""
    old_tables, new_tables = computed_tables
    out = tmp_path / "processed"

    def run(kill_at: int, computed: Path) -> int:
        args = [sys.executable, "-c", RUNNER, str(kill_at), str(int(sig)), str(out), str(computed)]
        return subprocess.run(args, capture_output=True).returncode

    def state() -> dict[str, object]:
        """Table bytes and the summary's row counts (its timings differ run to run)."""
        found: dict[str, object] = {p.name: p.read_bytes() for p in out.glob("*.parquet")}
        summary = out / "build_summary.json"
        found["summary"] = json.loads(summary.read_text())["counts"] if summary.exists() else None
        return found

    assert run(0, old_tables) == 0
    old = state()
    assert run(0, new_tables) == 0
    new = state()
    assert old != new
    n_writes = len(build.TABLE_ORDER) + 2  # every table, the summary, the swap
    # SIGKILL at every write and past the last; SIGINT (Ctrl-C) at the first table, the
    # summary and the swap (its handler path is the same at every table write).
    points = range(1, n_writes + 2) if sig == signal.SIGKILL else (1, n_writes - 1, n_writes)
    for kill_at in points:
        assert run(0, old_tables) == 0
        code = run(kill_at, new_tables)
        after = state()
        if kill_at <= n_writes:
            assert code != 0 and after == old, (kill_at, code)
        else:
            assert code == 0 and after == new, kill_at
        if sig == signal.SIGINT:  # an interrupt cleans up after itself
            assert not [p for p in tmp_path.iterdir() if ".staging-" in p.name]
