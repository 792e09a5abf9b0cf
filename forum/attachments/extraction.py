"""Text of PDF, DOCX and ODT attachments, for search to index.

Read in the task worker (``forum.attachments.tasks``), never in the request
that uploads the file, and each file in its own process with a time and a
memory limit (``forum.attachments.sandbox``): a DOCX that expands to hundreds
of megabytes, or a PDF that loops, costs the worker at most those limits.

Extraction never removes a file: a file the readers cannot read within the
limits stays attached, gets an empty text and the reason in
``AttachmentText.error``, and is reported to the moderators of its space.
"""

import json
import logging
import subprocess
import sys

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext

from forum.models import AttachmentText, Flag, FlagReason

from .filetypes import RefusedFile, inspect, kind_of_name

logger = logging.getLogger(__name__)

# Search indexes the first million characters (Elasticsearch's highlighting
# limit); a longer text is cut there.
MAX_CHARS = 1_000_000


class ExtractionFailed(Exception):
    pass


def limits():
    """(seconds, bytes): the CPU time and address space one file may take."""
    return settings.ATTACHMENT_EXTRACTION_SECONDS, settings.ATTACHMENT_EXTRACTION_MEMORY


def read_text(path, kind):
    """Return (text, truncated) for the file at ``path``, read in the sandbox.

    Raises ExtractionFailed when the sandbox is killed (time, memory), times
    out, or its reader fails.
    """
    seconds, memory = limits()
    command = [sys.executable, "-m", "forum.attachments.sandbox", kind.extension, str(path)]
    command += [str(MAX_CHARS), str(seconds), str(memory)]
    try:
        # The command is ours: this interpreter, our module, a stored path.
        done = subprocess.run(  # noqa: S603
            command,
            cwd=settings.BASE_DIR,
            capture_output=True,
            # CPU time is limited in the child; the wall clock here catches a
            # child that waits instead of computing.
            timeout=seconds * 2 + 5,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise ExtractionFailed(f"took longer than {seconds * 2 + 5} seconds") from None
    if done.returncode != 0:
        last_line = (done.stderr.decode(errors="replace").strip().splitlines() or [""])[-1]
        if done.returncode < 0:
            raise ExtractionFailed(f"stopped by signal {-done.returncode} (time or memory limit) {last_line}")
        raise ExtractionFailed(last_line or f"exit status {done.returncode}")
    result = json.loads(done.stdout)
    return result["text"], result["truncated"]


def schedule_extraction(attachment):
    """Queue the text of ``attachment``'s file for the worker, in the caller's
    transaction; the request does not wait for it. Saving again with the same
    file queues nothing; a file replaced by an image loses the old text."""
    # The task runs this module's store_extracted_text: one of the two must wait for the call.
    from .tasks import queue_extraction

    kind = kind_of_name(attachment.file.name)
    if kind is None or not kind.has_text:
        AttachmentText.objects.filter(attachment=attachment).delete()
    elif not AttachmentText.objects.filter(attachment=attachment, file_name=attachment.file.name).exists():
        queue_extraction(attachment)


def store_extracted_text(attachment):
    """Create or refresh the AttachmentText of ``attachment``; never raises.

    Images have no text: any row left from a previous file is removed. A file
    that cannot be read is reported to the space's moderators.
    """

    name = attachment.file.name
    existing = AttachmentText.objects.filter(attachment=attachment).first()
    if existing and existing.file_name == name:
        return existing  # the attachment was saved again with the same file
    text, truncated, error = "", False, ""
    try:
        with attachment.file.open("rb") as file:
            kind = inspect(file)
        if not kind.has_text:
            AttachmentText.objects.filter(attachment=attachment).delete()
            return None
        text, truncated = read_text(attachment.file.path, kind)
    except RefusedFile as refused:
        error = refused.message
    except Exception as exc:  # any failure is recorded, not raised
        logger.warning("Text extraction failed for attachment %s", attachment.pk, exc_info=True)
        error = f"{type(exc).__name__}: {exc}"
    # PostgreSQL text columns cannot hold NUL characters, which PDFs may yield.
    text = text.replace("\x00", "")
    row, _created = AttachmentText.objects.update_or_create(
        attachment=attachment,
        defaults={
            "text": text,
            "truncated": truncated,
            "error": error[:500],
            "file_name": name,
            "extracted_at": timezone.now(),
        },
    )
    if error:
        report_unreadable(attachment, error)
    return row


def report_unreadable(attachment, error):
    """File the site's own report on the attachment's post, which its space's
    moderators see among the reported posts; the post stays as it is."""

    note = gettext("The text of “%(name)s” could not be read, so search does not find it: %(error)s") % {
        "name": attachment.filename,
        "error": error,
    }
    Flag.objects.create(
        post_id=attachment.post_id, reporter=None, reason=FlagReason.UNREADABLE_FILE, note=note[:500]
    )
