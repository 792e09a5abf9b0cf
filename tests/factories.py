"""The suite's builders: accounts, forum topics, posts and contributions,
saved through the ORM as the sign-up and posting views save them (the save
signals index them, machina updates its topics and counters).

One name, one meaning: ``UserFactory`` is an account and nothing more (a
moderator's or an editor's, e-mail unconfirmed), ``VerifiedUserFactory`` has
its e-mail address confirmed (allauth lets it sign in), ``StakeholderFactory``
has a stakeholder profile too (posting asks for one). ``TopicPostFactory`` is
a topic's opening post, ``ReplyFactory`` an answer inside a topic; the
``Contributed*`` ones carry the contribution's metadata, as every post made
through the posting views does.

The regional spaces, their forums and moderator groups come with the site
(``setup_site``): ``space(region)`` finds one, it never makes one. Pages are
added under ``parent=`` and published (``PublishedPageFactory``); the page
trees the tests share are put together in tests/page_tree.py.
"""

import datetime

import factory
import wagtail_factories
from allauth.account.models import EmailAddress
from django.conf import settings
from django.utils.text import slugify
from factory.django import DjangoModelFactory
from machina.core.db.models import get_model

from forum.models import Contribution, RegionalSpace, StakeholderProfile
from hub.models import (
    AnalysisPaperPage,
    EventIndexPage,
    EventPage,
    GcmObjective,
    NewsIndexPage,
    NewsPage,
    RegionPage,
    RoadmapPage,
    StakeholderGroup,
    StandardPage,
)

Topic = get_model("forum_conversation", "Topic")
Post = get_model("forum_conversation", "Post")

PASSWORD = "a-long-pass-phrase-2024"


def space(region="arab-states"):
    """One of the five regional spaces the site is set up with."""
    return RegionalSpace.objects.select_related("forum", "moderators").get(region__slug=region)


def english_group(slug):
    return StakeholderGroup.objects.get(slug=slug, locale__language_code="en")


class UserFactory(DjangoModelFactory):
    """An account, e-mail not confirmed. ``moderates=["africa"]`` puts it in
    those spaces' moderator groups."""

    class Meta:
        model = settings.AUTH_USER_MODEL
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"member{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    # Given to create_user as the sign-up form gives it: hashed, or
    # unusable when None.
    password = PASSWORD

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return model_class._default_manager.create_user(*args, **kwargs)

    @factory.post_generation
    def moderates(user, create, regions, **kwargs):
        for region in regions or ():
            user.groups.add(space(region).moderators)


class EditorFactory(UserFactory):
    """A superuser: the Wagtail admin is open to it."""

    username = factory.Sequence(lambda n: f"editor{n}")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return model_class._default_manager.create_superuser(*args, **kwargs)


class EmailAddressFactory(DjangoModelFactory):
    class Meta:
        model = EmailAddress

    user = factory.SubFactory(UserFactory)
    email = factory.LazyAttribute(lambda address: address.user.email)
    verified = True
    primary = True


class VerifiedUserFactory(UserFactory):
    """An account whose e-mail address is confirmed: it may sign in."""

    email_address = factory.RelatedFactory(EmailAddressFactory, factory_related_name="user")


class VerifiedEditorFactory(EditorFactory):
    email_address = factory.RelatedFactory(EmailAddressFactory, factory_related_name="user")


class StakeholderProfileFactory(DjangoModelFactory):
    """The person behind an account. One per account: asking again for the
    same account gives back the profile it has."""

    class Meta:
        model = StakeholderProfile
        django_get_or_create = ("user",)

    user = factory.SubFactory(VerifiedUserFactory)
    display_name = "Amina"
    stakeholder_group = factory.LazyFunction(lambda: english_group("civil-society"))


class StakeholderFactory(VerifiedUserFactory):
    """A verified account with its stakeholder profile: ``profile__display_name="Awa"``."""

    profile = factory.RelatedFactory(StakeholderProfileFactory, factory_related_name="user")


class TopicFactory(DjangoModelFactory):
    """A topic without posts; machina gives it its subject and approval from
    its first post (``TopicPostFactory``)."""

    class Meta:
        model = Topic

    forum = factory.LazyFunction(lambda: space().forum)
    poster = None
    subject = "Pathways"
    type = Topic.TOPIC_POST
    status = Topic.TOPIC_UNLOCKED
    approved = True


class PostFactory(DjangoModelFactory):
    """A post in a topic. Without a poster it is an anonymous visitor's
    (machina then asks for a username). ``created=`` back-dates it after
    saving, as the stored date is set on creation."""

    class Meta:
        model = Post
        skip_postgeneration_save = True

    topic = factory.SubFactory(TopicFactory)
    poster = None
    username = factory.LazyAttribute(lambda post: None if post.poster else "someone")
    subject = factory.LazyAttribute(lambda post: f"Re: {post.topic.subject}")
    content = "I agree, and would add the role of cities."
    approved = True

    @factory.post_generation
    def created(post, create, when, **kwargs):
        if when:
            Post.objects.filter(pk=post.pk).update(created=when)
            post.refresh_from_db()


class TopicPostFactory(PostFactory):
    """A topic's opening post: the topic is made with it, by the same poster,
    with the same subject and approval."""

    topic = factory.SubFactory(
        TopicFactory,
        poster=factory.SelfAttribute("..poster"),
        subject=factory.SelfAttribute("..subject"),
        approved=factory.SelfAttribute("..approved"),
    )
    subject = "Pathways"
    content = "A first thought on safe pathways."


class ReplyFactory(PostFactory):
    """An answer inside an existing topic (``topic=`` is needed)."""

    topic = None


class ContributionFactory(DjangoModelFactory):
    """The metadata the posting form adds to a post. ``objectives=[5, 6]``
    by number (the English rows, as the form saves them) or as rows."""

    class Meta:
        model = Contribution
        skip_postgeneration_save = True

    post = factory.SubFactory(TopicPostFactory)
    space = factory.LazyAttribute(lambda contribution: contribution.post.topic.forum.regional_space)
    # A recommendation unless told: the model's own default (a comment) is
    # what the form ticks, the tests mostly want a recommendation.
    kind = "recommendation"
    language = "en"

    @factory.post_generation
    def objectives(contribution, create, objectives, **kwargs):
        if objectives is None:
            return
        objectives = list(objectives)
        if all(isinstance(number, int) for number in objectives):
            objectives = GcmObjective.objects.in_default_locale().filter(number__in=objectives)
        contribution.objectives.set(objectives)


class ContributedTopicFactory(TopicPostFactory):
    """A topic's opening post with its contribution: ``contribution__kind="report"``."""

    contribution = factory.RelatedFactory(ContributionFactory, factory_related_name="post")


class ContributedReplyFactory(ReplyFactory):
    """A reply with its contribution."""

    contribution = factory.RelatedFactory(ContributionFactory, factory_related_name="post")


# ---------------------------------------------------------------- pages


class PublishedPageFactory(wagtail_factories.PageFactory):
    """A page added under ``parent=`` and published with a first revision,
    as an editor's "Publish" leaves it."""

    class Meta:
        abstract = True
        skip_postgeneration_save = True

    @factory.post_generation
    def published(page, create, extracted, **kwargs):
        if create and extracted is not False:
            page.save_revision().publish()


class RegionPageFactory(PublishedPageFactory):
    class Meta:
        model = RegionPage

    title = factory.LazyAttribute(lambda page: f"{page.region.slug} region")
    slug = factory.LazyAttribute(lambda page: page.region.slug)
    summary = "A region."


class NewsIndexPageFactory(PublishedPageFactory):
    class Meta:
        model = NewsIndexPage

    title = "News"
    slug = "news"
    show_in_menus = True


class NewsPageFactory(PublishedPageFactory):
    class Meta:
        model = NewsPage

    title = factory.Sequence(lambda n: f"Story {n}")
    date = datetime.date(2024, 1, 1)
    slug = factory.LazyAttribute(lambda page: f"{slugify(page.title)}-{page.date.isoformat()}")
    summary = "What happened."


class EventIndexPageFactory(PublishedPageFactory):
    class Meta:
        model = EventIndexPage

    title = "Events"
    slug = "events"
    show_in_menus = True


class EventPageFactory(PublishedPageFactory):
    class Meta:
        model = EventPage

    title = "Multi-stakeholder consultation"
    slug = "consultation-2021"


class StandardPageFactory(PublishedPageFactory):
    class Meta:
        model = StandardPage

    title = "How to take part"
    slug = "how-to-take-part"
    show_in_menus = True


class AnalysisPaperPageFactory(PublishedPageFactory):
    class Meta:
        model = AnalysisPaperPage

    title = "Analysis of contributions"
    slug = "analysis"
    published_on = datetime.date(2024, 6, 20)
    contribution_count = 120
    contributions_until = datetime.date(2024, 6, 1)
    contribution_query = "space=arab-states"


class RoadmapPageFactory(PublishedPageFactory):
    class Meta:
        model = RoadmapPage

    title = "Roadmap 2023–2024"
    slug = "roadmap"
    as_of = datetime.date(2023, 9, 27)
