"""Where attachment files live: a private folder no URL maps to.

machina's ``Attachment.file`` is declared in machina's model with the default
storage, i.e. under MEDIA_ROOT, which the web server (or ``static()`` in
development) publishes at MEDIA_URL: anyone guessing a path would bypass the
forum's permissions. Changing the field's declaration would need a migration
inside machina, so the storage is swapped on the field itself at start-up
(``use_private_storage``, called from our AppConfig.ready) and the swap is
hidden from the migration autodetector, which would otherwise ask for that
very migration.
"""

import contextlib
import os
import threading

from django.apps import apps
from django.conf import settings
from django.core import checks
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    """A file-system storage rooted at PRIVATE_MEDIA_ROOT, with no URL.

    The root is read from the settings on every use, so tests can point it at
    a temporary folder. ``url()`` refuses: FileSystemStorage would fall back to
    MEDIA_URL when given no base URL, producing links that lead nowhere (or,
    worse, somewhere public if the folders were ever merged).
    """

    @property
    def base_location(self):
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None

    def url(self, name):
        raise ValueError("Attachments have no public URL; link to the download view instead.")

    def _save(self, name, content):
        try:
            saved = super()._save(name, content)
        except FileExistsError:
            raise
        except OSError:
            # A write that failed half-way (the disk full) leaves no partial file.
            with contextlib.suppress(OSError):
                os.remove(self.path(name))
            raise
        if getattr(_local, "saved", None) is not None:
            _local.saved.append(saved)
        return saved


_local = threading.local()


@contextlib.contextmanager
def files_saved():
    """The names the private storage saves inside the block (in this thread),
    so a caller whose transaction rolls back can remove them: a file without
    its row would be an orphan nobody can reach."""
    outer = getattr(_local, "saved", None)
    _local.saved = []
    try:
        yield _local.saved
    finally:
        inner, _local.saved = _local.saved, outer
        if outer is not None:
            outer.extend(inner)


private_storage = PrivateStorage()


def attachment_file_field():
    return apps.get_model("forum_attachments", "Attachment")._meta.get_field("file")


def use_private_storage():
    """Store machina's attachment files in the private storage."""
    field = attachment_file_field()
    if field.storage is private_storage:
        return
    field.storage = private_storage
    declared = field.deconstruct

    def deconstruct():
        # Migrations describe the field as machina declares it: the storage is
        # a deployment choice of ours, not part of machina's schema.
        name, path, args, kwargs = declared()
        kwargs.pop("storage", None)
        return name, path, args, kwargs

    field.deconstruct = deconstruct


def _inside(path, folder):
    path, folder = os.path.realpath(path), os.path.realpath(folder)
    return os.path.commonpath([path, folder]) == folder


@checks.register(checks.Tags.security)
def check_private_media_root(app_configs=None, **kwargs):
    """PRIVATE_MEDIA_ROOT must not sit where public files are served from."""
    errors = []
    private = str(settings.PRIVATE_MEDIA_ROOT)
    for setting in ("MEDIA_ROOT", "STATIC_ROOT"):
        public = getattr(settings, setting, None)
        if public and (_inside(private, str(public)) or _inside(str(public), private)):
            errors.append(
                checks.Error(
                    f"PRIVATE_MEDIA_ROOT ({private}) overlaps {setting} ({public}).",
                    hint="Attachments would be reachable by URL; keep the two folders apart.",
                    id="regional_forum.E001",
                )
            )
    return errors
