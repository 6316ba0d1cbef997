from django.db import models

from gongkai.disclosure import crypto


class EncryptedTextField(models.TextField):
    """Text kept encrypted in the database (see ``gongkai.disclosure.crypto``); Python code
    sees the plain value. It cannot be filtered or ordered on."""

    def from_db_value(self, value, expression, connection):
        return crypto.decrypt(value) if value else value

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return crypto.encrypt(value) if value else value
