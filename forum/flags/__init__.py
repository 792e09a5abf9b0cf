"""Readers' reports of posts: filing them, auto-hiding, and moderators' decisions."""
