"""The demo content ``make run`` loads: five region pages, the 2023–2024
roadmap, news, events, an analysis paper and an "About" page, in English with
Arabic and French translations made through wagtail-localize.

Modules hold what their name says (regions, roadmap, news, events, papers,
pages); ``text`` holds the trilingual copy type and the block helpers, and
``loader`` creates what is missing. ``manage.py load_demo`` runs it.
"""
