"""The back office's form of a 财政预决算 record: an uploaded XLSX is read when the form is
checked, so a workbook that cannot be read is refused before anything is written, and the
tables go into the revision with the file (the public sees them once it is signed off)."""

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

from gongkai.areas import services
from gongkai.documents.forms import OwnDepartmentForm


class BudgetDisclosureForm(OwnDepartmentForm):
    def clean(self):
        cleaned = super().clean()
        file = cleaned.get("file")
        if isinstance(file, UploadedFile):
            try:
                self.instance.tables = services.tables_of(file)
            except ValidationError as error:
                self.add_error("file", error)
        elif file is False:  # cleared
            self.instance.tables = []
        return cleaned

    def save(self, commit=True):
        # A live record's edits go into a revision only (the row is not saved): store the
        # upload now, so that the revision names a file that exists.
        file = self.instance.file
        if file and not file._committed:
            file.save(file.name, file.file, save=False)
        return super().save(commit=commit)
