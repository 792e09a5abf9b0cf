"""Suggested GCM objectives: for a contribution's text, the objectives it most
likely speaks to, each with a score.

- ``examples``: what the model learns from — the thesaurus concepts and the
  objectives' own titles and descriptions (the day-one examples), and the
  contributions people tagged.
- ``model``: ``ObjectiveModel``, a scikit-learn pipeline over
  ``search.analysis.document_terms`` (so Arabic stems and French and English
  Snowball stems are the features), fitted from examples, scoring texts.
- ``store``: the trained model's file under ``var/`` (versioned; a missing,
  stale or corrupt file falls back to the day-one model built from the
  database) and ``current_model()``.
- ``suggest``: the entry point callers use: ``suggest(text, language)``.
- ``tasks``: the background task that trains again on a schedule.
"""
