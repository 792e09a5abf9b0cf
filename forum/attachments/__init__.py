"""Report attachments: checked by content, kept out of public media, served
through a permission-checked view, their text extracted for search."""
