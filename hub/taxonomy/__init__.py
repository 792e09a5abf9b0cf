"""The shared taxonomy: regions, GCM objectives, guiding principles,
stakeholder groups and countries (``models``), and their content in three
languages with its loader (``data``). Every layer above may import it; it
imports only ``hub.core``. See docs/architecture.md.
"""
