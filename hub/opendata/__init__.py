"""The open data: every public contribution, dumped each night for bulk download.

Public means what an anonymous caller of ``GET /api/v1/contributions/`` may
read, and each row is what that API answers for the contribution, from the
same serializer: ``reading`` pages through ``search.facade.search`` as an
anonymous reader, so the visibility rule stays where it is
(``forum.visibility`` and machina's readable forums).

- ``reading``     the public contributions in pages, as the API's rows and as CSV cells
- ``dictionary``  what each field means (the data dictionary shown on the page)
- ``dump``        writing ``contributions.jsonl``, ``contributions.csv`` and
                  ``manifest.json`` to ``OPEN_DATA_DIR``, each replaced whole
- ``tasks``       the nightly chain in the task worker
- ``views``       the stable download addresses and the public page
"""
