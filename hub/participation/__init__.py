"""Who took part: the participation dashboard, its tables, charts and API.

- ``selection``: what the reader asks (region, cycle, language, type), read
  from and written back to the address;
- ``audience``: whose figures (the public's, or a moderator's or analyst's)
  and the contributions they count, through ``forum.visibility``'s one rule;
- ``counts``: the figures, counted in a dozen grouped statements and cached
  under the pages stamp;
- ``tables``: the figures as named tables with labels and search links,
  which the page, the CSV downloads and the API all serve;
- ``charts``: each table drawn as accessible SVG;
- ``views``, ``api``, ``urls``: the dashboard, its downloads, its JSON.
"""
