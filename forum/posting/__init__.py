"""Posting in the regional spaces: machina's post and topic forms and views,
extended with a contribution's metadata (type, objectives, language, the
author's profile as it was)."""
