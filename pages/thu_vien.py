"""Thư viện văn bản: the document list, the reader, uploads and removals."""

from ui.common import load_engine, settings, sidebar_overview
from ui.library import page

searcher = load_engine(settings())
if searcher is not None:
    sidebar_overview(searcher.store)
page(searcher)
