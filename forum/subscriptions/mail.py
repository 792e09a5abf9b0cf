"""The e-mails: one post, or a reader's daily digest; plain text and HTML,
in the reader's language, each with a signed unsubscribe link."""

import re

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.text import Truncator

from forum import space_names, visibility
from forum.profiles.names import signed_name
from forum.visibility import paragraphs
from hub.core.links import absolute
from hub.core.site_name import subject_prefix

from .tokens import make_token

EXCERPT_LENGTH = 500
# Closing tags after which the rendered post starts a new line of text.
BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|blockquote|pre|tr|div)>|<br\s*/?>", re.IGNORECASE)


def plain_excerpt(post, length=EXCERPT_LENGTH):
    """The first ``length`` characters of the post as text.

    Read from machina's rendered HTML (already sanitised, Markdown markers
    gone) with every tag stripped, so no HTML written by a user ever reaches
    an e-mail: the templates escape what is left.
    """
    text = "\n".join(paragraphs(getattr(post, "_content_rendered", None), post.content.raw))
    return Truncator(text).chars(length)


def _has(instance, relation):
    """Whether a reverse one-to-one exists, without raising."""
    try:
        getattr(instance, relation)
    except Exception:  # the relation's RelatedObjectDoesNotExist
        return False
    return True


def topic_path(topic):
    return visibility.topic_path(topic.forum.slug, topic.forum_id, topic.slug, topic.pk)


def space_path(forum):
    return reverse("forum:forum", kwargs={"slug": forum.slug, "pk": forum.pk})


def post_url(post):
    return absolute(visibility.post_path(post))


def topic_url(topic):
    return absolute(topic_path(topic))


def space_url(forum):
    return absolute(space_path(forum))


class Mailer:
    """Builds the messages of one batch; remembers space names per language."""

    def __init__(self):
        self._space_regions = {}

    def space_name(self, forum):
        """The region's name in the active language for a regional space, else the forum's name."""
        return space_names.space_name(forum, self._space_regions)

    def item(self, post):
        return {
            "subject": post.subject,
            "author": signed_name(post),
            "space": self.space_name(post.topic.forum),
            "excerpt": plain_excerpt(post),
            "url": post_url(post),
        }

    def post_message(self, post, user, language, *, scope, object_id):
        """One post, for a reader who follows its topic (scope "topic") or space ("space")."""
        with translation.override(language):
            context = {
                "post": self.item(post),
                "scope": scope,
                "topic_subject": post.topic.subject,
                "topic_url": topic_url(post.topic),
                "unfollow_url": unsubscribe_url(user, scope, object_id),
            }
            return self._message(user, "post", context)

    def digest_message(self, user, language, posts, *, left_out=0):
        """Every post in ``posts`` (ordered by space, topic, date), grouped by space and topic."""
        with translation.override(language):
            spaces = []
            for post in posts:
                forum, topic = post.topic.forum, post.topic
                if not spaces or spaces[-1]["id"] != forum.pk:
                    spaces.append(
                        {
                            "id": forum.pk,
                            "name": self.space_name(forum),
                            "url": space_url(forum),
                            "topics": [],
                        }
                    )
                topics = spaces[-1]["topics"]
                if not topics or topics[-1]["id"] != topic.pk:
                    topics.append(
                        {"id": topic.pk, "subject": topic.subject, "url": topic_url(topic), "posts": []}
                    )
                topics[-1]["posts"].append(self.item(post))
            context = {"spaces": spaces, "count": len(posts) + left_out, "left_out": left_out}
            return self._message(user, "digest", context)

    def _message(self, user, name, context):
        """Render ``name``'s subject, text and HTML in the active language."""
        stop_all = unsubscribe_url(user, "all")
        context = {
            **context,
            "stop_all_url": stop_all,
            "preferences_url": absolute(reverse("forum_member:user_subscriptions")),
            "site_url": absolute("/"),
            "LANGUAGE_CODE": translation.get_language(),
            "LANGUAGE_BIDI": translation.get_language_bidi(),
        }
        subject = " ".join(render_to_string(f"forum_subscriptions/email/{name}_subject.txt", context).split())
        prefix = subject_prefix()
        message = EmailMultiAlternatives(
            subject=f"{prefix}{subject}",
            body=render_to_string(f"forum_subscriptions/email/{name}.txt", context),
            to=[user.email],
            headers={
                # One-click unsubscribe (RFC 8058) from the mail client's own button.
                "List-Unsubscribe": f"<{stop_all}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
        )
        message.attach_alternative(
            render_to_string(f"forum_subscriptions/email/{name}.html", context), "text/html"
        )
        return message


def unsubscribe_url(user, scope, object_id=None):
    return absolute(reverse("forum_subscriptions:unsubscribe", args=[make_token(user, scope, object_id)]))
