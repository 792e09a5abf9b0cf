"""Saved searches: what one is and its limits (``searches``), the reader's
pages (``views``, ``urls``), and the daily alert run and its e-mail
(``alerts``, ``mail``).
"""
