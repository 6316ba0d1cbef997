"""Back office (Wagtail admin, menu 每日一听): each interpretation's audio state, and for one
interpretation its reading, a recording to upload in its place, and "read it again".

Views are thin: who may see an interpretation is the documents' department scoping; who may
change its audio is decided by the service."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from gongkai.audio import selectors, services
from gongkai.audio.models import AudioStatus
from gongkai.documents.selectors import interpretations_for_user

PAGE_SIZE = 50


class RecordingForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("录音文件"),
        help_text=gettext_lazy("MP3、M4A、WAV 或 OGG。上传后网站播放它，不再播放语音合成的音频。"),
        widget=forms.ClearableFileInput(attrs={"accept": "audio/*"}),
        error_messages={
            "required": gettext_lazy("请选择录音文件。"),
            "empty": gettext_lazy("录音文件是空的。"),
        },
    )


def _require_viewer(request):
    if not request.user.has_perm("documents.view_interpretation"):
        raise PermissionDenied


def readings(request):
    _require_viewer(request)
    state = request.GET.get("state", "")
    rows = selectors.readings_for_user(request.user, state)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    for interpretation in page:
        interpretation.audio_state = selectors.audio_state(
            interpretation, interpretation.audio_forms
        )
    return TemplateResponse(
        request,
        "audio/admin/readings.html",
        {"page_obj": page, "state": state, "states": AudioStatus.choices},
    )


def _interpretation(request, pk: int):
    _require_viewer(request)
    return get_object_or_404(
        interpretations_for_user(request.user).select_related("department", "spoken"), pk=pk
    )


def reading(request, pk: int, form=None, status=200):
    interpretation = _interpretation(request, pk)
    forms_ = list(interpretation.forms.all())
    try:
        services.check_can_manage(user=request.user, interpretation=interpretation)
        can_manage = True
    except PermissionDenied:
        can_manage = False
    return TemplateResponse(
        request,
        "audio/admin/reading.html",
        {
            "interpretation": interpretation,
            "spoken": selectors.spoken_version(interpretation),
            "state": selectors.audio_state(interpretation, forms_),
            "has_audio_form": selectors.has_recording(forms_),
            "can_manage": can_manage,
            "form": form or RecordingForm(),
        },
        status=status,
    )


@require_POST
def upload(request, pk: int):
    interpretation = _interpretation(request, pk)
    services.check_can_manage(user=request.user, interpretation=interpretation)
    form = RecordingForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.upload_recording(
                interpretation=interpretation, file=form.cleaned_data["file"], user=request.user
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(request, _("录音已上传，网站将播放它。"))
            return redirect("audio_admin:reading", pk)
    return reading(request, pk, form=form, status=400)


@require_POST
def read_again(request, pk: int):
    interpretation = _interpretation(request, pk)
    try:
        services.read_again(interpretation=interpretation, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("已排队重新生成，后台任务完成后刷新本页查看。"))
    return redirect("audio_admin:reading", pk)
