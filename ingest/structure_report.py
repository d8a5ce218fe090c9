"""How ingest sees documents, without embedding anything: per document its name, chunk count,
chunk lengths, chunks per Điều, and every chunk longer than a limit.

    python -m ingest.structure_report PATH [PATH ...] [--long 1500] [--examples 3]

For checking structure parsing on new kinds of documents (a law, a charter, an agreement) before
indexing them; needs no model and reads only the paths given.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from collections import Counter
from pathlib import Path

from ingest.chunking import chunk_document
from ingest.document import citation, distinct_names
from ingest.loaders import LoadError
from ingest.pipeline import collect_files, read_document


def _article(path: tuple[str, ...]) -> str | None:
    return next((label for label in reversed(path) if label.startswith("Điều ")), None)


def main(argv: list[str] | None = None) -> int:
    try:
        code = _report(argv)
        sys.stdout.flush()  # inside the try: a small report is written only here
    except BrokenPipeError:
        # The reader stopped early (`| head`): end quietly. stdout now leads nowhere, so the
        # interpreter's last flush cannot fail again on the closed pipe.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    return code


def _report(argv: list[str] | None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ingest.structure_report", description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--long", type=int, default=1500, help="list chunks longer than this (characters)")
    parser.add_argument("--examples", type=int, default=3, help="example citations per document")
    args = parser.parse_args(argv)

    files, skipped = collect_files(args.paths)
    documents, all_lengths = [], []
    for path in files:
        try:
            documents.append(read_document(path))
        except LoadError as exc:
            print(f"{path}: bỏ qua ({exc.reason})")
    names = distinct_names(documents)
    for doc in documents:
        chunks = chunk_document(doc)
        lengths = [len(c.text) for c in chunks]
        all_lengths.extend(lengths)
        per_article = Counter(a for c in chunks if (a := _article(c.path)))
        articles = (
            f"{len(per_article)} Điều, chunks/Điều mean {statistics.mean(per_article.values()):.2f} "
            f"max {max(per_article.values())} ({per_article.most_common(1)[0][0]})"
            if per_article
            else "no Điều"
        )
        print(f"{Path(doc.source).name}: {names[doc.doc_id]!r}")
        print(f"  {len(chunks)} chunks, length max {max(lengths)} mean {statistics.mean(lengths):.0f}; {articles}")
        step = max(1, len(chunks) // (args.examples + 1))
        for chunk in chunks[step :: step][: args.examples]:
            print(f"  e.g. {citation(doc.meta, chunk)}")
        for chunk in chunks:
            if len(chunk.text) > args.long:
                print(f"  LONG {len(chunk.text)}: {citation(doc.meta, chunk)}")
    if all_lengths:
        unnamed = sum(1 for d in documents if d.meta.short_name() == "Văn bản")
        print(
            f"TOTAL {len(documents)} documents, {len(all_lengths)} chunks, length max {max(all_lengths)} "
            f"mean {statistics.mean(all_lengths):.0f}; unnamed {unnamed}; "
            f"distinct names {len(set(names.values()))}/{len(documents)}"
        )
    for skip in skipped:
        print(f"{skip.source}: bỏ qua ({skip.reason})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
