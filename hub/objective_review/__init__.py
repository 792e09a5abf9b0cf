"""The analysts' review of suggested objectives for untagged contributions,
in the Wagtail admin: each contribution they may read that has no objective
yet, with the objectives the model suggests; accepting one tags the
contribution (logged as a re-classification by that analyst, and the search
index follows through search's signals), rejecting one keeps it from being
offered again (``RejectedObjectiveSuggestion``)."""
