"""Small helpers every layer may use: they import nothing of the Hub's.

Bounded ids and dates from outside (``bounds``), batching (``batches``),
direction controls (``bidi``), each language's list punctuation
(``punctuation``), the Hub's name and public addresses (``site_name``,
``links``), the busy-database answer (``busy``), the durable cache
(``cache``), sorting by a language's alphabet (``collation``), honest dates
(``dates``) and a command's progress line (``progress``). See
docs/architecture.md for the layers.
"""
