"""The constants `python -m bench.tune --write` fitted (index/data/search_params.json): the
ranking and "no answer" constants read by index.search, the calibration recipe read at build time
by index.calibration."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

PARAMS = Path(__file__).parent / "data" / "search_params.json"


@cache
def fitted_params(path: Path = PARAMS) -> dict:
    """Constants fitted by `python -m bench.tune` (docs/tuning-results.md); {} when absent."""
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
