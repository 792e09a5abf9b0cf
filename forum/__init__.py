"""Regional discussion spaces built on django-machina (app label ``regional_forum``)."""
