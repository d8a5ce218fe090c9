"""Small pieces of the ranking, tested without an index."""


def test_the_article_spread_keeps_the_first_articles_other_clauses_close():
    from types import SimpleNamespace

    from index.search import Searcher

    # Rows 0-2: khoản of Điều 3; rows 3-8: one clause each of six other articles; row 9: no article.
    keys = [("deal", "3")] * 3 + [("deal", str(n)) for n in range(4, 10)] + [None]
    spread = Searcher._spread_articles(SimpleNamespace(_article_key=keys), list(range(10)), 1)
    # Not more than one khoản of Điều 3 in a row, and its second khoản right after another
    # article's clause (holding it behind every other article put it 49th in a short agreement).
    assert spread[:5] == [0, 3, 1, 4, 2]
    assert sorted(spread) == list(range(10))
    assert Searcher._spread_articles(SimpleNamespace(_article_key=keys), list(range(10)), 2)[:4] == [0, 1, 3, 2]
