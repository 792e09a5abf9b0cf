"""The search pages, the JSON API and the exports: what answers HTTP.

Views read a ``ContributionQuery`` from the address (``search.params``) and
ask the facade (``search.facade``), which applies who may see what.
"""
