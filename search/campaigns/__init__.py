"""Campaigns: near-identical contributions from different authors, counted as one voice.

- ``fingerprint``: a text's words → shingles → MinHash signature → LSH band hashes;
- ``grouping``: which contributions form campaigns (verified pairs, union-find,
  moderators' rulings), in memory, with no database;
- ``models``: the campaigns, their members, the stored fingerprints and bands,
  moderators' rulings and the log of their actions;
- ``store``: the database side — fingerprints for posts, placing a new
  contribution (on save), regrouping everything (``find_campaigns``);
- ``moderation``: split and merge, as moderators do them.
"""
