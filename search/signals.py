"""Keep the index in step with posts, topics, contributions and attachments.

Handlers run on the model save/delete path, inside the writer's transaction:
the index row (or the Elasticsearch backend's outbox row) commits with the
post and disappears with it on rollback. Bulk writers send no model
signals: they send ``forum.signals.contributions_written`` instead.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from machina.core.db.models import get_model

from forum.signals import contributions_written
from search import facade as api
from search.campaigns import store as campaign_store

Post = get_model("forum_conversation", "Post")
Topic = get_model("forum_conversation", "Topic")
Attachment = get_model("forum_attachments", "Attachment")
Contribution = get_model("regional_forum", "Contribution")
AttachmentText = get_model("regional_forum", "AttachmentText")


def _place_in_campaigns(post_ids):
    # In the writer's transaction, like the index: a rolled-back post joins no campaign.
    api.campaigns_changed(campaign_store.place(post_ids))


def post_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        api.index_posts([instance.pk])
        _place_in_campaigns([instance.pk])


def post_deleting(sender, instance, **kwargs):
    # The membership goes with the post (cascade): remember its campaign to recount it after.
    instance._campaign_before = campaign_store.campaign_id_of(instance.pk)


def post_deleted(sender, instance, **kwargs):
    api.remove_posts([instance.pk])
    campaign_id = getattr(instance, "_campaign_before", None)
    if campaign_id:
        api.campaigns_changed(campaign_store.refresh(campaign_id))


def contribution_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        api.index_posts([instance.pk])
        _place_in_campaigns([instance.pk])


def contribution_deleted(sender, instance, **kwargs):
    # The post may stay; without its contribution it is no longer searched.
    api.index_posts([instance.pk])


def objectives_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if reverse:  # objective.contributions.add(...): the contributions are in pk_set
        if pk_set:
            api.index_posts(pk_set)
    else:
        api.index_posts([instance.pk])


_TOPIC_FIELDS = ("subject", "approved", "forum_id")


def topic_changing(sender, instance, raw=False, **kwargs):
    """Remember what the index copies from a topic, to act only if it changes.

    machina saves the topic on every new post (its counters), so the
    common case must cost one small query and nothing more.
    """
    if raw or not instance.pk:
        return
    instance._search_before = Topic.objects.filter(pk=instance.pk).values_list(*_TOPIC_FIELDS).first()


def topic_saved(sender, instance, created, raw=False, **kwargs):
    if raw or created:
        return
    before = getattr(instance, "_search_before", None)
    now = tuple(getattr(instance, field) for field in _TOPIC_FIELDS)
    if before is not None and tuple(before) == now:
        return
    api.index_posts(Post.objects.filter(topic_id=instance.pk).values_list("pk", flat=True))


def attachment_changed(sender, instance, raw=False, **kwargs):
    if not raw and instance.post_id:
        api.index_posts([instance.post_id])


def attachment_text_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    post_id = Attachment.objects.filter(pk=instance.attachment_id).values_list("post_id", flat=True).first()
    if post_id:
        api.index_posts([post_id])


def contributions_written_in_bulk(sender, post_ids, **kwargs):
    api.index_posts(post_ids)
    _place_in_campaigns(post_ids)


def connect():
    uid = "search.{}".format
    contributions_written.connect(contributions_written_in_bulk, dispatch_uid=uid("contributions_written"))
    post_save.connect(post_saved, sender=Post, dispatch_uid=uid("post_saved"))
    pre_delete.connect(post_deleting, sender=Post, dispatch_uid=uid("post_deleting"))
    post_delete.connect(post_deleted, sender=Post, dispatch_uid=uid("post_deleted"))
    post_save.connect(contribution_saved, sender=Contribution, dispatch_uid=uid("contribution_saved"))
    post_delete.connect(contribution_deleted, sender=Contribution, dispatch_uid=uid("contribution_deleted"))
    m2m_changed.connect(
        objectives_changed, sender=Contribution.objectives.through, dispatch_uid=uid("objectives_changed")
    )
    pre_save.connect(topic_changing, sender=Topic, dispatch_uid=uid("topic_changing"))
    post_save.connect(topic_saved, sender=Topic, dispatch_uid=uid("topic_saved"))
    post_save.connect(attachment_changed, sender=Attachment, dispatch_uid=uid("attachment_saved"))
    post_delete.connect(attachment_changed, sender=Attachment, dispatch_uid=uid("attachment_deleted"))
    for signal, name in ((post_save, "saved"), (post_delete, "deleted")):
        signal.connect(
            attachment_text_changed, sender=AttachmentText, dispatch_uid=uid(f"attachment_text_{name}")
        )
