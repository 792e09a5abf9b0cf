"""machina's post and topic forms, with a contribution's metadata."""

from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext
from machina.core.loading import get_class

from hub.core.bidi import without_bidi_controls
from hub.taxonomy.models import GcmObjective

from .. import policy
from ..models import Contribution, ContributionKind
from .language import detect_language
from .metadata import save_contribution

PostForm = get_class("forum_conversation.forms", "PostForm")
TopicForm = get_class("forum_conversation.forms", "TopicForm")

DETECT = ""
# A hidden input of our form: its presence says the metadata fields were shown.
METADATA_MARKER = "contribution_metadata"


def max_length():
    return getattr(settings, "CONTRIBUTION_MAX_LENGTH", 32_000)


def objective_choices():
    """Objectives as "5. <short title>", in the reader's language, by number."""
    rows = GcmObjective.objects.in_active_locale().order_by("number")
    if not rows:
        rows = GcmObjective.objects.in_default_locale().order_by("number")
    return [(o.number, f"{o.number}. {o.name}") for o in rows]


def reply_subject(topic):
    """A reply's suggested subject, in the reader's language ("رد: …" in
    Arabic); machina's prefix is one English "Re:" for every language."""
    # Translators: the subject a reply form suggests; keep %(subject)s.
    return pgettext("reply subject", "Re: %(subject)s") % {"subject": topic.subject}


def holding_forum(post, topic, forum):
    """The forum of an existing ``post``, else of ``topic`` (a reply), else
    ``forum`` (a new topic)."""
    if post is not None and post.pk:
        return post.topic.forum
    if topic is not None:
        return topic.forum
    return forum


class ContributionFormMixin:
    """Adds type, objectives and language to a machina post form, and saves
    them in the post's ``Contribution``.

    Posts outside a regional space (an administrator's own forum) keep
    machina's plain form.
    """

    is_new_topic = False

    def __init__(self, *args, **kwargs):
        # machina decides locking, topic types and approval by the form's
        # forum: that is the forum holding the post or topic, whatever
        # forum the address named.
        kwargs["forum"] = holding_forum(kwargs.get("instance"), kwargs.get("topic"), kwargs.get("forum"))
        super().__init__(*args, **kwargs)
        if not self.instance.pk and self.topic is not None:
            self.fields["subject"].initial = reply_subject(self.topic)
        self.space = getattr(self.forum, "regional_space", None)
        self.fields["content"].help_text = ngettext(
            "Up to %(limit)s character.", "Up to %(limit)s characters.", max_length()
        ) % {"limit": number_format(max_length(), force_grouping=True)}
        if self.space is None:
            return
        contribution = self.existing_contribution()
        self.fields["kind"] = forms.ChoiceField(
            label=_("Type"),
            choices=ContributionKind.choices,
            initial=contribution.kind if contribution else ContributionKind.COMMENT,
            widget=forms.RadioSelect,
            # Left out (an older form, a script), a post is a comment.
            required=False,
        )
        self.fields["objectives"] = forms.TypedMultipleChoiceField(
            label=_("GCM objectives"),
            choices=objective_choices(),
            coerce=int,
            required=False,
            initial=[o.number for o in contribution.objectives.all()] if contribution else [],
            widget=forms.CheckboxSelectMultiple,
            help_text=_("The objectives of the Global Compact your contribution speaks to, if any."),
        )
        self.fields["language"] = forms.ChoiceField(
            label=_("Language"),
            choices=[(DETECT, _("Detect it for me")), *settings.LANGUAGES],
            required=False,
            initial=contribution.language if contribution and not contribution.language_detected else DETECT,
            help_text=_("The language your contribution is written in."),
        )

    def existing_contribution(self):
        if not self.instance.pk:
            return None
        return Contribution.objects.filter(post=self.instance).prefetch_related("objectives").first()

    def clean_kind(self):
        return self.cleaned_data.get("kind") or ContributionKind.COMMENT

    def clean_subject(self):
        # A subject is a topic's title (the browser tab, e-mails): direction
        # overrides in it would spoof the text around it, as in a name.
        subject = without_bidi_controls(self.cleaned_data.get("subject"))
        if not subject and self.fields["subject"].required:
            raise forms.ValidationError(self.fields["subject"].error_messages["required"], code="required")
        return subject

    def clean_content(self):
        content = self.cleaned_data["content"]
        if len(content) > max_length():
            raise forms.ValidationError(
                ngettext(
                    "Your message has %(length)s character; the limit is %(limit)s. "
                    "Please shorten it or split it into several posts.",
                    "Your message has %(length)s characters; the limit is %(limit)s. "
                    "Please shorten it or split it into several posts.",
                    len(content),
                ),
                code="max_length",
                params={
                    "length": number_format(len(content), force_grouping=True),
                    "limit": number_format(max_length(), force_grouping=True),
                },
            )
        return content

    def clean(self):
        cleaned_data = super().clean()
        error = self.posting_refusal()
        if error:
            self.add_error(None, error)
        return cleaned_data

    def posting_refusal(self):
        """Why this new post may not be written now (a posting limit), or None.

        Asked when the form is cleaned, and again by the view under the
        posting lock just before the post is written."""
        if self.instance.pk or self.forum is None or "content" not in self.cleaned_data:
            return None
        return policy.posting_error(
            self.user, self.forum, self.cleaned_data["content"], new_topic=self.is_new_topic
        )

    def approval_required(self):
        if self.space is not None:
            return policy.needs_approval(self.user, self.space)
        return not self.perm_handler.can_post_without_approval(self.forum, self.user)

    def create_post(self):
        post = super().create_post()
        post.approved = not self.approval_required()
        return post

    def save(self, commit=True):
        post = super().save(commit)
        if commit and self.space is not None:
            self.save_contribution(post)
        return post

    def metadata_submitted(self):
        # A form without our fields (machina's own markup, an older page)
        # must not reset an existing contribution's metadata on update.
        return self.is_bound and METADATA_MARKER in self.data

    def save_contribution(self, post):
        if self.instance.pk and not self.metadata_submitted():
            existing = self.existing_contribution()
            if existing is not None:
                return existing
        language = self.cleaned_data.get("language") or DETECT
        detected = language == DETECT
        if detected:
            language = detect_language(self.cleaned_data["content"], fallback=translation.get_language())
        return save_contribution(
            post,
            self.space,
            user=self.user,
            kind=self.cleaned_data["kind"],
            objective_numbers=self.cleaned_data.get("objectives") or [],
            language=language,
            language_detected=detected,
        )


class ContributionPostForm(ContributionFormMixin, PostForm):
    """A reply, with its contribution's metadata."""


class ContributionTopicForm(ContributionFormMixin, TopicForm):
    """A new topic (its first post), with its contribution's metadata."""

    @property
    def is_new_topic(self):
        return not self.instance.pk

    def create_topic(self):
        topic = super().create_topic()
        topic.approved = not self.approval_required()
        return topic
