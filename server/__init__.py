"""Network interfaces over the engine: the HTTP API (`python -m index serve`). Like the Streamlit app, a
top layer: it may use both ingest/ (uploads) and index/ (search)."""
