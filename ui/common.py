"""What every page of the app shares: the engine (one Settings object, one cached Searcher),
safe rendering of text that came from documents or users, the admin gate, the sidebar overview.

Nothing here searches or stores: that is index/'s job. Everything a user or a document supplied
is shown as plain text: escaped for HTML and Markdown, or through st.text / st.code."""

from __future__ import annotations

import hmac
import html
from datetime import UTC, datetime

import streamlit as st

from index.answer import best_sentences, split_sentences
from index.config import Settings
from index.embedder import Embedder
from index.engine import embedder_from, open_searcher
from index.search import Searcher
from index.store import IndexStore, read_manifest
from ingest.document import Chunk, DocMeta

APP_TITLE = "Hỏi đáp văn bản Công đoàn"

# Characters Markdown (or Streamlit's extensions: :colour[...], $math$) could interpret.
_MD_ENTITIES = {
    "*": "&#42;",
    "_": "&#95;",
    "`": "&#96;",
    "[": "&#91;",
    "]": "&#93;",
    "$": "&#36;",
    ":": "&#58;",
    "~": "&#126;",
    "#": "&#35;",
    "|": "&#124;",
    "\\": "&#92;",
    "!": "&#33;",
    "<": "&lt;",
    ">": "&gt;",
}


def escape_text(text: str) -> str:
    """HTML-escape and neutralise Markdown syntax: safe inside st.markdown(unsafe_allow_html=True)."""
    out = html.escape(str(text), quote=True)
    return "".join(_MD_ENTITIES.get(c, c) for c in out)


def settings() -> Settings:
    return Settings.from_env()


# --- cached resources -------------------------------------------------------------------------


@st.cache_resource(show_spinner="Đang tải mô hình nhúng…")
def get_embedder(model: str, allow_download: bool, _cfg: Settings) -> Embedder:
    return embedder_from(_cfg)


@st.cache_resource(show_spinner="Đang tải chỉ mục…")
def _searcher(
    index_dir: str, built_at: str, model: str, allow_download: bool, reranker: str | None, backend: str, _cfg: Settings
) -> Searcher:
    # The other arguments are the cache key (built_at: a rebuilt index gets a fresh searcher);
    # the engine itself comes from index/engine.py, like the CLI's.
    return open_searcher(_cfg)


def open_app_searcher(cfg: Settings) -> Searcher:
    """The engine of index/engine.py, cached across reruns and sessions (one model in memory)."""
    manifest = read_manifest(cfg.index_dir)
    return _searcher(
        str(cfg.index_dir), manifest.get("built_at", ""), cfg.model, cfg.allow_download, cfg.reranker,
        cfg.backend, cfg,
    )  # fmt: skip


def forget_searcher() -> None:
    _searcher.clear()


# --- rendering ----------------------------------------------------------------------------------


def render_passage_html(text: str, question: str = "", focus: bool = False) -> str:
    """The clause as safe HTML: everything escaped, best-matching sentence(s) in <mark>,
    one line per sentence/line of the source. One HTML line, so Markdown never parses it.
    With focus (the clause opened from a result in the reader) every sentence is marked, the
    best-matching one(s) more strongly, and the block carries class hoidap-focus."""
    marked = best_sentences(text, question)
    parts = []
    for i, sentence in enumerate(split_sentences(text)):
        safe = escape_text(sentence)
        if i in marked:
            parts.append(f'<mark class="hoidap-best">{safe}</mark>' if focus else f"<mark>{safe}</mark>")
        else:
            parts.append(f"<mark>{safe}</mark>" if focus else safe)
    css = "hoidap-passage hoidap-focus" if focus else "hoidap-passage"
    return f'<div class="{css}">' + "<br>".join(parts) + "</div>"


def outline_label(chunk: Chunk) -> str:
    """An outline entry: the clause's section path, with the bullet a part holds or its part
    number when a long clause was split (several entries would otherwise read the same)."""
    label = (chunk.section or chunk.kind)[:120]
    if chunk.place:
        label = f"{label} › {chunk.place}"
    return f"{label} (phần {chunk.part}/{chunk.parts})" if chunk.parts > 1 else label


def vn_date(iso: str | None) -> str | None:
    """'2024-03-12' → '12/03/2024' (how dates are written in Vietnamese documents)."""
    if not iso:
        return None
    try:
        return datetime.fromisoformat(iso[:10]).strftime("%d/%m/%Y")
    except ValueError:
        return iso


def vn_datetime(iso: str | None) -> str:
    """A build timestamp (UTC ISO) as local time, in words: 'ngày 29/11/2026 lúc 19:40'."""
    if not iso:
        return "chưa rõ"
    try:
        moment = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return "chưa rõ"
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    local = moment.astimezone()
    return f"ngày {local:%d/%m/%Y} lúc {local:%H:%M}"


def type_label(doc_type: str | None) -> str:
    return DocMeta(doc_type=doc_type).type_label()


def doc_label(store: IndexStore, doc_id: str) -> str:
    doc = store.documents.get(doc_id)
    return doc.meta.short_name() if doc else doc_id


# --- admin gate -------------------------------------------------------------------------------


def is_admin(cfg: Settings) -> bool:
    """Without HOIDAP_ADMIN_PASSWORD everyone may manage documents (a single-user desktop);
    with it, only a session that entered it."""
    return cfg.admin_password is None or bool(st.session_state.get("admin_ok"))


def admin_gate(cfg: Settings) -> bool:
    """True when this session may upload and delete; otherwise draws the password field."""
    if is_admin(cfg):
        return True
    with st.form("admin_login", border=True, enter_to_submit=True):
        st.markdown("**Quản trị kho văn bản**")
        typed = st.text_input("Mật khẩu quản trị", type="password", key="admin_password_input")
        submitted = st.form_submit_button("Đăng nhập")
    if submitted:
        assert cfg.admin_password is not None
        if hmac.compare_digest(typed.encode("utf-8"), cfg.admin_password.encode("utf-8")):
            st.session_state.admin_ok = True
            st.rerun()
        st.error("Mật khẩu không đúng.")
    st.caption("Thêm và xoá văn bản cần mật khẩu quản trị.")
    return False


# --- sidebar ------------------------------------------------------------------------------------


def sidebar_overview(store: IndexStore) -> None:
    counts = store.manifest.get("counts", {})
    documents = counts.get("documents", len(store.documents))
    chunks = counts.get("chunks", len(store.chunks))
    st.sidebar.markdown(
        f"**Kho văn bản:** {documents} văn bản, {chunks} điều khoản  \n"
        f"Cập nhật {vn_datetime(store.manifest.get('built_at'))}"
    )


def css() -> str:
    """The page style; the uploader's texts name the real formats and size limit."""
    from ingest.loaders import MAX_BYTES, SUPPORTED_SUFFIXES

    formats = ", ".join(sorted(x.lstrip(".") for x in SUPPORTED_SUFFIXES))
    limit = MAX_BYTES // (1024 * 1024)
    return _CSS.replace("@FORMATS@", formats).replace("@LIMIT@", str(limit))


_CSS = """
<style>
.hoidap-passage { line-height: 1.6; }
.hoidap-passage mark { background: #fff3a8; color: inherit; padding: 1px 3px; border-radius: 3px;
  box-decoration-break: clone; -webkit-box-decoration-break: clone; }
.hoidap-focus { border-left: 4px solid #e0a800; padding-left: 0.6rem; }
.hoidap-focus mark { background: #fff8cc; }
.hoidap-focus mark.hoidap-best { background: #ffe066; font-weight: 600; }
.hoidap-short { font-size: 1.35rem; font-weight: 600; margin: 0.1rem 0 0.4rem 0; }
.hoidap-label { font-size: 0.85rem; color: #555; }
[data-testid="stExpander"] { scroll-margin-top: 4rem; }
/* Streamlit's own English hints ("Press Enter to submit form"): not needed, not translatable. */
[data-testid="InputInstructions"] { display: none; }
/* "Running…"/"Stop" in the corner: the page shows its own Vietnamese spinner. */
[data-testid="stStatusWidget"] { visibility: hidden; }
/* The uploader's English texts, replaced by Vietnamese ones. */
[data-testid="stFileUploaderDropzoneInstructions"] > div > span,
[data-testid="stFileUploaderDropzoneInstructions"] > div > small { display: none; }
[data-testid="stFileUploaderDropzoneInstructions"] > div::before {
  content: "Kéo thả tệp vào đây"; display: block; }
[data-testid="stFileUploaderDropzoneInstructions"] > div::after {
  content: "@FORMATS@ — tối đa @LIMIT@ MB mỗi tệp"; display: block; font-size: 0.8rem;
  opacity: 0.7; }
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"],
[data-testid="stFileUploaderDropzone"] button [data-testid="stIconMaterial"] { display: none; }
[data-testid="stFileUploaderDropzone"] button::after { content: "Chọn tệp"; }
[data-testid="stFileUploaderDeleteBtn"] button::after { content: ""; }
</style>
"""


def load_engine(cfg: Settings) -> Searcher | None:
    """The searcher, or None with a Vietnamese explanation on the page."""
    from index.embedder import EmbedderError
    from index.errors import report_unexpected
    from index.store import IndexMismatchError, IndexMissingError

    try:
        return open_app_searcher(cfg)
    except IndexMissingError:
        st.warning(
            f"Chưa có chỉ mục văn bản tại {escape_text(str(cfg.index_dir))}. Hãy xây dựng chỉ mục bằng lệnh "
            "`python -m ingest` (lập chỉ mục các văn bản trong thư mục corpus/), "
            "hoặc tải văn bản lên ở trang «Thư viện văn bản»."
        )
    except (IndexMismatchError, EmbedderError) as exc:
        st.error(escape_text(str(exc)))
    except Exception as exc:
        st.error(escape_text(report_unexpected(cfg.log_file, "mở chỉ mục", exc)))
    return None
