"""Search: the site search and the contribution index, above the forum.

- ``facade``: the one entry point (search, matching ids, index and remove
  posts); every caller goes through it.
- ``query``, ``params``, ``analysis``, ``snippets``, ``labels``, ``stamp``,
  ``text``, ``ratelimit``: what both backends and every page share.
- ``backends``: the contract (``Backend``) and its two implementations,
  ``backends.database`` (SQLite FTS5 or PostgreSQL full text) and
  ``backends.elasticsearch`` (documents, query, bulk, source, outbox).
- ``http``: the search pages, the JSON API, the exports.
- ``saved``: saved searches and their daily alerts.
"""
