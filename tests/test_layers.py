"""Data flows one way: ingest/ never needs index/, and index/ takes only the document types and text
normalisation from ingest/. Checked on the source, so a new import that breaks the layering fails here."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ALLOWED_FROM_INGEST = {"ingest.document", "ingest.normalize"}


def _imports(package: str) -> list[tuple[str, str]]:
    found = []
    for path in sorted((ROOT / package).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                found.append((str(path.relative_to(ROOT)), node.module))
            elif isinstance(node, ast.Import):
                found.extend((str(path.relative_to(ROOT)), alias.name) for alias in node.names)
    return found


def test_index_takes_only_document_types_and_normalisation_from_ingest():
    bad = [(f, m) for f, m in _imports("index") if m.split(".")[0] == "ingest" and m not in ALLOWED_FROM_INGEST]
    assert bad == []


def test_ingest_never_reaches_into_index_internals():
    # The build module may use index's public storage API (store, embedder, lexical tokenizer); the
    # parsers, loaders and chunkers must not import index at all.
    builders = {"ingest/build.py", "ingest/library.py", "ingest/__main__.py"}
    bad = [(f, m) for f, m in _imports("ingest") if m.split(".")[0] == "index" and f not in builders]
    assert bad == []


def test_no_fcntl_anywhere():
    assert [(f, m) for pkg in ("index", "ingest", "server", "ui") for f, m in _imports(pkg) if m == "fcntl"] == []
