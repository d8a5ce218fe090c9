"""The question sets over the Word laws stay true to their sources: every gold article exists and
every quote is in it (eval/check_laws_questions.py, the checker a question writer runs)."""

from __future__ import annotations

import importlib.util

import pytest

from tests.conftest import LAWS_DOCX, ROOT

pytestmark = pytest.mark.skipif(not LAWS_DOCX.is_dir(), reason="needs ../shared/external/laws-docx")


def _checker():
    spec = importlib.util.spec_from_file_location("check_laws_questions", ROOT / "eval" / "check_laws_questions.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    "name, flags",
    [("laws_questions.jsonl", []), ("laws_heldout.jsonl", ["--heldout"]), ("labour_short.jsonl", ["--heldout"])],
)
def test_question_set_matches_the_laws(name, flags, capsys):
    status = _checker().main([str(ROOT / "eval" / name), "--docs", str(LAWS_DOCX), *flags])
    assert status == 0, capsys.readouterr().out


def test_the_tuning_pools_unanswerable_questions_are_new_and_carry_no_gold():
    import json

    def rows(name: str) -> list[dict]:
        return [json.loads(x) for x in (ROOT / "eval" / name).read_text(encoding="utf-8").splitlines() if x.strip()]

    extra = rows("laws_unanswerable.jsonl")
    assert extra and all(r["answerable"] is False and r["law"] is r["article"] is r["quote"] is None for r in extra)
    assert {r["lang"] for r in extra} == {"vi", "vi-noaccent", "en"}
    others = [r for name in ("laws_questions.jsonl", "laws_heldout.jsonl", "labour_short.jsonl") for r in rows(name)]
    # Not a copy of a held-out question (the tuning pool would then fit on it) and no id clash.
    assert not {r["question"].lower() for r in extra} & {r["question"].lower() for r in others}
    assert len({r["id"] for r in extra + others}) == len(extra) + len(others)


def test_the_dev_sets_added_unanswerable_questions_are_new_and_carry_no_gold():
    import json
    import unicodedata

    def rows(name: str) -> list[dict]:
        return [json.loads(x) for x in (ROOT / "eval" / name).read_text(encoding="utf-8").splitlines() if x.strip()]

    extra, dev = rows("devset_unanswerable.jsonl"), rows("devset.jsonl")
    assert extra and all(r.keys() == dev[0].keys() for r in extra)
    assert all(r["answerable"] is False and r["doc"] is r["quote"] is r["pair"] is None for r in extra)
    assert {r["slice"] for r in extra} == {"accented", "unaccented", "english"}
    assert all(unicodedata.normalize("NFC", r["question"]) == r["question"] for r in extra)
    assert all(r["question"].isascii() for r in extra if r["slice"] == "unaccented")
    assert not {r["question"].lower() for r in extra} & {r["question"].lower() for r in dev}
    assert len({r["id"] for r in extra + dev}) == len(extra) + len(dev)


def _devset_checker():
    spec = importlib.util.spec_from_file_location("check_devset", ROOT / "eval" / "check_devset.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(("name", "heldout"), [("devset.jsonl", False), ("bundled_heldout.jsonl", True)])
def test_question_set_matches_the_bundled_corpus(name, heldout, capsys):
    # Every quote is in its document, once, inside one line (the checker a question writer runs).
    assert _devset_checker().main(str(ROOT / "eval" / name), heldout=heldout) == 0, capsys.readouterr().out


def test_the_bundled_held_out_set_is_new():
    import json

    def rows(name: str) -> list[dict]:
        return [json.loads(x) for x in (ROOT / "eval" / name).read_text(encoding="utf-8").splitlines() if x.strip()]

    held, dev = rows("bundled_heldout.jsonl"), rows("devset.jsonl") + rows("devset_unanswerable.jsonl")
    assert {r["slice"] for r in held} >= {"accented", "unaccented", "english"}
    assert any(not r["answerable"] for r in held)
    assert not {r["question"].lower() for r in held} & {r["question"].lower() for r in dev}
    assert not {r["id"] for r in held} & {r["id"] for r in dev}
