"""Following spaces and topics, and the e-mails that follow from it."""
