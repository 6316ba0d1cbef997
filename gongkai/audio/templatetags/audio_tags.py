from django import template

from gongkai.audio import selectors

register = template.Library()


@register.inclusion_tag("audio/includes/interpretation_audio.html", takes_context=True)
def interpretation_audio(context, interpretation, forms):
    """The interpretation read aloud, with its text; nothing when staff uploaded a recording
    (shown with the other forms) or in a preview (the draft has not been read yet)."""
    spoken = None
    if not context.get("preview") and not selectors.has_recording(forms):
        spoken = selectors.spoken_version(interpretation)
    if spoken is not None and not (spoken.file or spoken.text):
        spoken = None  # queued for its first reading: nothing to play or read yet
    return {"spoken": spoken, "LANGUAGE_CODE": context.get("LANGUAGE_CODE")}
