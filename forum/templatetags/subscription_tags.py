from django import template

from forum.models import SpaceSubscription

register = template.Library()


@register.simple_tag
def follows_space(forum, user):
    return user.is_authenticated and SpaceSubscription.objects.filter(user=user, forum=forum).exists()


@register.simple_tag
def follows_topic(topic, user):
    # machina's own check; it caches the topic's subscribers on the instance.
    return user.is_authenticated and topic.has_subscriber(user)
