"""pipelines/bench.py runs from one command and fills both the benchmark file and the README block."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_benchmark_runs_from_one_command_and_fills_the_readme_block(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text("# x\n\nbefore\n<!-- bench:start -->\nold table\n<!-- bench:end -->\nafter\n", encoding="utf-8")
    out = tmp_path / "BENCHMARK.md"
    command = [sys.executable, str(ROOT / "pipelines" / "bench.py"), "--sizes", "3", "--workers", "1"]
    subprocess.run(
        [*command, "--work", str(tmp_path / "work"), "--out", str(out), "--readme", str(readme)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    figures = json.loads((tmp_path / "work" / "bench.json").read_text(encoding="utf-8"))
    (run,) = figures["runs"]
    stages = run["stages"]["stages"]
    assert set(stages) == {"ingest", "tag", "annotate", "events", "baseline", "graph", "export"}
    assert all(stage["seconds"] > 0 and stage["peak_rss"] > 0 for stage in stages.values())
    assert run["warm"]["cache_hits"] == 3 and run["cold"]["cache_hits"] == 0
    text = readme.read_text(encoding="utf-8")
    assert "old table" not in text and text.startswith("# x\n\nbefore\n") and text.endswith("after\n")
    assert "### 3 documents" in text and "| kg build (warm) | 1 |" in text and "Machine: nproc" in text
    assert "| annotate | 1 |" in out.read_text(encoding="utf-8") and "| events | 1 |" in out.read_text(encoding="utf-8")


def test_rss_sampler_counts_a_child_started_after_sampling_began():
    import importlib.util
    import os

    spec = importlib.util.spec_from_file_location("bench", ROOT / "pipelines" / "bench.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    with bench.RssSampler(os.getpid(), interval=0.01) as rss:
        alone = rss.sample(rescan=True)
        child = subprocess.Popen([sys.executable, "-c", "import time; x = b'x' * (300 << 20); time.sleep(1.5)"])
        child.wait()
    assert rss.peak - alone > 250 << 20
