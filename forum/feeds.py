"""The spaces' public feeds: machina's topic feeds, bounded.

machina's feed lists every approved topic a forum ever had and reads each
item's forum, last post and author one by one: a space's feed grows with its
history, and a bot fetching it costs the database a query per topic. Readers
follow the latest topics; the feed holds the newest ``TOPICS_IN_FEED``, read
with what the item templates show (the space's name, the last post's text,
the first post's public signature) in a fixed number of queries.
"""

from machina.core.loading import get_class

LastTopicsFeed = get_class("forum_feeds.feeds", "LastTopicsFeed")
MachinaFeedsURLPatternsFactory = get_class("forum_feeds.urls", "ForumFeedsURLPatternsFactory")

TOPICS_IN_FEED = 50


class SpaceTopicsFeed(LastTopicsFeed):
    def items(self):
        return (
            super()
            .items()
            .select_related(
                "forum",
                "last_post",
                "first_post__contribution",
                "first_post__poster__stakeholder_profile",
            )[:TOPICS_IN_FEED]
        )


class FeedsURLPatternsFactory(MachinaFeedsURLPatternsFactory):
    latest_topics_feed = SpaceTopicsFeed
