"""Install size of each requirements file, from the packages installed in this environment.

    python -m bench.install_size [requirements.txt requirements-st.txt ...]

For each file: the packages it names (following `-r` includes) and everything they require,
recursively (environment markers evaluated, extras not taken unless named), then the bytes of every
file those distributions installed (their RECORD). This is what `pip install -r FILE` puts into an
empty virtual environment, without building one (pip itself, setuptools and wheel excluded).
"""

from __future__ import annotations

import json
import sys
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
FILES = ("requirements.txt", "requirements-st.txt", "requirements-bench.txt", "requirements-dev.txt")


def named_requirements(path: Path) -> list[Requirement]:
    out: list[Requirement] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("-r"):
            out += named_requirements(path.parent / line[2:].strip())
        else:
            out.append(Requirement(line))
    return out


def closure(requirements: list[Requirement]) -> dict[str, metadata.Distribution]:
    seen: dict[str, metadata.Distribution] = {}
    todo = [(r, frozenset(r.extras)) for r in requirements]
    while todo:
        req, extras = todo.pop()
        name = canonicalize_name(req.name)
        if name in seen:
            continue
        try:
            dist = metadata.distribution(req.name)
        except metadata.PackageNotFoundError:
            print(f"not installed: {req.name}", file=sys.stderr)
            continue
        seen[name] = dist
        for spec in dist.requires or []:
            sub = Requirement(spec)
            envs = [{"extra": e} for e in extras] or [{"extra": ""}]
            if sub.marker is None or any(sub.marker.evaluate(env) for env in envs):
                todo.append((sub, frozenset(sub.extras)))
    return seen


def dist_bytes(dist: metadata.Distribution) -> int:
    total = 0
    for f in dist.files or []:
        try:
            total += Path(dist.locate_file(f)).stat().st_size
        except OSError:
            pass
    return total


def measure(files: list[str]) -> dict:
    out = {}
    for name in files:
        dists = closure(named_requirements(ROOT / name))
        sizes = {n: dist_bytes(d) for n, d in dists.items()}
        out[name] = {
            "packages": len(sizes),
            "mib": round(sum(sizes.values()) / 2**20),
            "largest_mib": {n: round(s / 2**20) for n, s in sorted(sizes.items(), key=lambda kv: -kv[1])[:8]},
        }
    return out


def main(argv: list[str] | None = None) -> int:
    files = (argv if argv is not None else sys.argv[1:]) or [f for f in FILES if (ROOT / f).exists()]
    print(json.dumps(measure(files), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
