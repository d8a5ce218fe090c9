"""Unexpected failures: the user sees one Vietnamese line, the traceback goes to a log file
(Settings.log_file, $HOIDAP_LOG), so a bug is reported without a traceback on anyone's screen."""

from __future__ import annotations

import logging
from pathlib import Path

_LOGGER = "hoidap"


def _logger(log_file: Path) -> logging.Logger:
    logger = logging.getLogger(_LOGGER)
    target = str(Path(log_file).resolve())
    if not any(getattr(h, "baseFilename", None) == target for h in logger.handlers):
        try:
            Path(target).parent.mkdir(parents=True, exist_ok=True)
            handler = logging.FileHandler(target, encoding="utf-8")
        except OSError:
            return logger  # an unwritable log must not turn one error into two
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False  # never echoed to the console by a root handler
    return logger


def report_unexpected(log_file: Path, where: str, exc: BaseException) -> str:
    """Log `exc` with its traceback; return the one line to show the user."""
    _logger(log_file).error("%s: %s", where, type(exc).__name__, exc_info=exc)
    return f"Lỗi không mong đợi khi {where}; chi tiết đã ghi vào nhật ký {log_file}."
