"""Analysis papers generated from a region's contributions.

A generation freezes the set of contributions a search selects (ids and
content hashes), counts them, finds recurring themes and representative
quotations, and writes an ``AnalysisPaperPage`` draft that analysts edit,
translate and editors publish. See ``generate`` for the steps; the
draft's charts, terms and quotations read the frozen set when shown
(``frozen_figures``).
"""
