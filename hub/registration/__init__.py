"""Registration for consultation events: the form on the event page, the
organisers' admin, the e-mails and their scheduling."""
