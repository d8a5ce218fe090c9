"""The HTTP API (server/api.py) through FastAPI's TestClient, on the session corpus index.
Writes (upload, delete) run on a private copy of the index, never on the shared fixture."""

from __future__ import annotations

import shutil

import pytest

pytest.importorskip("fastapi", reason="the HTTP API needs fastapi (requirements-api.txt)")
from fastapi.testclient import TestClient

from index.config import Settings
from server.api import create_app

from .conftest import DATA

QUESTION = "Ai chịu trách nhiệm phát triển đoàn viên trong các tổ chức kinh tế tập thể?"
TOKEN = "s3cret-token-for-tests"


@pytest.fixture(scope="module")
def client(corpus_index):
    # Read-only client on the shared index: admin disabled (no token), so it can never write.
    return TestClient(create_app(Settings(index_dir=corpus_index), admin_token=""), raise_server_exceptions=False)


@pytest.fixture
def admin_client(corpus_index, tmp_path):
    copy = tmp_path / "index"
    shutil.copytree(corpus_index, copy)
    app = create_app(Settings(index_dir=copy), admin_token=TOKEN, upload_dir=tmp_path / "uploads")
    return TestClient(app, raise_server_exceptions=False)


def _auth(token: str = TOKEN) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_search_returns_the_cli_contract_and_the_responsible_clause_first(client, searcher):
    response = client.post("/search", json={"question": QUESTION, "top_k": 3})
    assert response.status_code == 200
    body = response.json()
    assert body["question"] == QUESTION
    assert body["answer_found"] is True
    assert len(body["results"]) == 3
    top = body["results"][0]
    assert set(top) >= {"doc", "citation", "section", "text", "score"}
    assert top["citation"] == "Kế hoạch 48-KH/ĐĐTLD › III. TỔ CHỨC THỰC HIỆN › 4."
    assert "Ban Tổ chức" in top["text"]
    # Same object as one `python -m index --jsonl` line (Searcher.search(...).to_dict()).
    assert body == searcher.search(QUESTION, top_k=3).to_dict()


def test_search_filters_restrict_documents(client):
    docs = [d["doc"] for d in client.get("/documents").json()["documents"]]
    other = next(d for d in docs if "48" not in d)
    body = client.post("/search", json={"question": QUESTION, "filters": {"doc_ids": [other]}}).json()
    assert body["results"] and {r["doc"] for r in body["results"]} == {other}


def test_bad_requests_get_vietnamese_json_errors(client):
    empty = client.post("/search", json={"question": "   "})
    assert empty.status_code == 422 and "error" in empty.json()
    missing = client.post("/search", json={"top_k": 3})
    assert missing.status_code == 422 and missing.json()["error"].startswith("Yêu cầu không hợp lệ")
    too_many = client.post("/search", json={"question": QUESTION, "top_k": 10_000})
    assert too_many.status_code == 422
    broken = client.post("/search", content=b"{not json", headers={"Content-Type": "application/json"})
    assert broken.status_code == 422 and "Traceback" not in broken.text


def test_documents_health_and_openapi(client, corpus_index):
    docs = client.get("/documents").json()["documents"]
    assert len(docs) == 5 and all(d["chunks"] > 0 for d in docs)
    health = client.get("/health").json()
    assert health["status"] == "ok" and health["documents"] == 5 and health["admin"] is False
    assert health["build"] == (corpus_index / "CURRENT").read_text().strip()
    assert client.get("/docs").status_code == 200
    assert "/search" in client.get("/openapi.json").json()["paths"]


def test_no_index_is_a_clear_503(tmp_path):
    app = create_app(Settings(index_dir=tmp_path / "none"), admin_token="")
    with TestClient(app, raise_server_exceptions=False) as c:
        response = c.post("/search", json={"question": QUESTION})
        assert response.status_code == 503 and "Chưa có chỉ mục" in response.json()["error"]
        assert c.get("/health").status_code == 503


def test_admin_endpoints_disabled_without_a_configured_token(client):
    doc = client.get("/documents").json()["documents"][0]["doc"]
    for headers in ({}, _auth("anything")):
        response = client.delete(f"/documents/{doc}", headers=headers)
        assert response.status_code == 403 and "HOIDAP_ADMIN_TOKEN" in response.json()["error"]
    assert len(client.get("/documents").json()["documents"]) == 5


def test_delete_refused_without_or_with_a_wrong_token(admin_client):
    doc = admin_client.get("/documents").json()["documents"][0]["doc"]
    assert admin_client.delete(f"/documents/{doc}").status_code == 401
    assert admin_client.delete(f"/documents/{doc}", headers={"Authorization": TOKEN}).status_code == 401
    assert admin_client.delete(f"/documents/{doc}", headers=_auth(TOKEN + "x")).status_code == 403
    assert admin_client.delete(f"/documents/{doc}", headers=_auth(TOKEN[:-1])).status_code == 403
    assert len(admin_client.get("/documents").json()["documents"]) == 5


def test_delete_with_token_removes_the_document_and_search_follows(admin_client):
    before = admin_client.post("/search", json={"question": QUESTION, "top_k": 10}).json()
    doc = before["results"][0]["doc"]
    response = admin_client.delete(f"/documents/{doc}", headers=_auth())
    assert response.status_code == 200 and response.json()["removed"] == [doc]
    docs = [d["doc"] for d in admin_client.get("/documents").json()["documents"]]
    assert doc not in docs and len(docs) == 4
    after = admin_client.post("/search", json={"question": QUESTION, "top_k": 10}).json()
    assert doc not in {r["doc"] for r in after["results"]}
    assert admin_client.delete(f"/documents/{doc}", headers=_auth()).status_code == 404


def test_upload_with_token_adds_a_document(admin_client):
    data = (DATA / "mini-ke-hoach.txt").read_bytes()
    refused = admin_client.post("/documents", files={"files": ("mini.txt", data, "text/plain")})
    assert refused.status_code == 401
    response = admin_client.post(
        "/documents", files={"files": ("mini.txt", data, "text/plain")}, headers=_auth()
    )
    assert response.status_code == 200, response.text
    assert len(response.json()["added"]) == 1 and response.json()["errors"] == []
    assert len(admin_client.get("/documents").json()["documents"]) == 6
    bad = admin_client.post("/documents", files={"files": ("x.exe", b"MZ", "application/octet-stream")}, headers=_auth())
    assert bad.status_code == 400 and "không hỗ trợ" in bad.json()["errors"][0]
