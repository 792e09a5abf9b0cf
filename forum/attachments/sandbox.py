"""The child process that reads one attachment's text, under hard limits.

``python -m forum.attachments.sandbox KIND PATH MAX_CHARS SECONDS BYTES``
sets its own CPU-time and address-space limits (the kernel enforces them:
a DOCX or PDF that would take more is killed, or fails to allocate), then
prints ``{"text": ..., "truncated": ...}`` as JSON on stdout. The parent
(``extraction.read_text``) also keeps a wall-clock timeout, and reads any
other outcome as a failure. Django is not set up here: the readers need
only the file.
"""

import json
import resource
import sys


def limit(seconds, memory_bytes):
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds))
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))


def main(argv):
    kind, path, max_chars, seconds, memory_bytes = argv
    limit(int(seconds), int(memory_bytes))
    # Imported under the limits, so the readers' libraries count against them too.
    from forum.attachments import readers

    with open(path, "rb") as file:
        text, truncated = readers.read(file, kind, int(max_chars))
    json.dump({"text": text, "truncated": truncated}, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1:])
