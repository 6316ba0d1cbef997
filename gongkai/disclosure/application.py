"""What a request must contain (《条例》第二十九条), checked the same way for the public form,
the back office and the staff API. Pure: no Django.

A public application needs the applicant's identity (a resident ID number checked by its check
digit, another ID document, or for an organisation its unified social credit code checked by its
check character) and a way to reach them; the way of obtaining the reply needs its contact (an
e-mail address for e-mail, a postal address for post). Staff registering a request received
elsewhere may lack some of it, so only what is given is checked.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from gongkai.core.identity import validate_resident_id, validate_uscc
from gongkai.core.textrules import strip_control_chars
from gongkai.disclosure.outcomes import APPLICANT_TYPES

# Longest description accepted. A request describes the information wanted (第二十九条); 5,000
# characters is several pages. Longer texts are refused with a message rather than stored or cut:
# they are letters or complaints, and the applicant can split them or attach a document.
DESCRIPTION_MAX_LENGTH = 5000
NAME_MAX_LENGTH = 200
CONTACT_MAX_LENGTH = 100
ID_TYPES = (
    "resident_id",
    "passport",
    "hk_macao_permit",
    "taiwan_permit",
    "residence_permit",
    "other",
)
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_PHONE = re.compile(r"\+?[0-9][0-9\- ]{5,24}")

TEXT_FIELDS = (
    "applicant_name",
    "contact_person",
    "id_number",
    "org_code",
    "phone",
    "email",
    "postal_address",
    "description",
    "doc_number_hint",
)


@dataclass(frozen=True)
class Problem:
    field: str
    code: str
    zh: str
    en: str


def clean_text(value) -> str:
    """Trimmed text without control or invisible characters (which only hide text)."""
    return strip_control_chars(str(value or "")).strip()


def normalise(data: dict) -> dict:
    """Text fields cleaned, identity numbers folded to half-width capitals."""
    cleaned = dict(data)
    for field in TEXT_FIELDS:
        if field in cleaned:
            cleaned[field] = clean_text(cleaned[field])
    for field in ("id_number", "org_code"):
        if cleaned.get(field):
            cleaned[field] = re.sub(
                r"\s+", "", unicodedata.normalize("NFKC", cleaned[field])
            ).upper()
    return cleaned


def check_application(data: dict, *, public: bool) -> list[Problem]:
    """Problems with an application (after ``normalise``); empty when it may be accepted."""
    problems: list[Problem] = []
    problems += _check_applicant(data)
    problems += _check_identity(data, required=public)
    problems += _check_contact(data, required=public)
    problems += _check_description(data)
    return problems


def _check_applicant(data: dict) -> list[Problem]:
    problems = []
    if data.get("applicant_type") not in APPLICANT_TYPES:
        problems.append(
            Problem(
                "applicant_type", "required", "请选择申请人类型。", "Choose the applicant type."
            )
        )
    name = data.get("applicant_name", "")
    if not name:
        problems.append(
            Problem(
                "applicant_name",
                "required",
                "请填写申请人姓名或名称。",
                "Enter the applicant's name.",
            )
        )
    elif len(name) > NAME_MAX_LENGTH:
        problems.append(
            Problem(
                "applicant_name",
                "too_long",
                f"姓名或名称不能超过{NAME_MAX_LENGTH}个字。",
                f"The name may have at most {NAME_MAX_LENGTH} characters.",
            )
        )
    if len(data.get("contact_person", "")) > CONTACT_MAX_LENGTH:
        problems.append(
            Problem(
                "contact_person",
                "too_long",
                f"联系人不能超过{CONTACT_MAX_LENGTH}个字。",
                f"The contact person may have at most {CONTACT_MAX_LENGTH} characters.",
            )
        )
    return problems


def name_search_form(name: str) -> str:
    """A name as the staff search compares it (full names only: the name is stored encrypted,
    and only this form's keyed hash can be looked up): NFKC, no spaces, case-folded."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", name)).casefold()


def contact_search_form(value: str) -> str:
    """A phone number or e-mail address as the public lookup compares it: an address
    case-folded (``e:``), a number as its digits without China's +86 prefix (``p:``), so
    "138 1234 5678", "+86 13812345678" and "138-1234-5678" match. Empty when neither."""
    value = re.sub(r"\s+", "", unicodedata.normalize("NFKC", value or ""))
    if "@" in value:
        return "e:" + value.casefold()
    digits = re.sub(r"[^0-9]", "", value)
    if len(digits) > 11 and digits.startswith("86"):
        digits = digits[2:]
    return f"p:{digits}" if digits else ""


def _check_identity(data: dict, *, required: bool) -> list[Problem]:
    if (
        data.get("applicant_type") in APPLICANT_TYPES
        and APPLICANT_TYPES[data["applicant_type"]].is_organisation
    ):
        return _check_org_code(data.get("org_code", ""), required=required)
    id_type, number = data.get("id_type", ""), data.get("id_number", "")
    if not number:
        if not required:
            return []
        return [
            Problem(
                "id_number",
                "required",
                "请填写身份证件号码。",
                "Enter the number of your identity document.",
            )
        ]
    if not id_type and required:
        return [Problem("id_type", "required", "请选择身份证件类型。", "Choose the ID type.")]
    if id_type and id_type not in ID_TYPES:
        return [Problem("id_type", "choice", "身份证件类型无效。", "Unknown ID type.")]
    if id_type == "resident_id":
        result = validate_resident_id(number)
        if not result:
            return [Problem("id_number", result.code, result.message_zh, result.message_en)]
    elif len(number) > 40:
        return [
            Problem("id_number", "too_long", "证件号码过长。", "The document number is too long.")
        ]
    return []


def _check_org_code(code: str, *, required: bool) -> list[Problem]:
    if not code and not required:
        return []
    result = validate_uscc(code)
    if not result:
        return [Problem("org_code", result.code, result.message_zh, result.message_en)]
    return []


def _check_contact(data: dict, *, required: bool) -> list[Problem]:
    problems = []
    phone, email, address = (data.get(f, "") for f in ("phone", "email", "postal_address"))
    if phone and not _PHONE.fullmatch(phone):
        problems.append(
            Problem("phone", "format", "联系电话格式不正确。", "The phone number is not valid.")
        )
    if email and (len(email) > 254 or not _EMAIL.fullmatch(email)):
        problems.append(
            Problem("email", "format", "电子邮箱格式不正确。", "The e-mail address is not valid.")
        )
    if len(address) > 300:
        problems.append(
            Problem(
                "postal_address",
                "too_long",
                "通信地址不能超过300个字。",
                "The postal address may have at most 300 characters.",
            )
        )
    if not required:
        return problems
    if not (phone or email or address):
        problems.append(
            Problem(
                "phone",
                "contact_required",
                "请至少填写一种联系方式（电话、电子邮箱或通信地址）。",
                "Give at least one way to contact you (phone, e-mail or postal address).",
            )
        )
    if data.get("delivery") == "email" and not email:
        problems.append(
            Problem(
                "email",
                "required_for_delivery",
                "选择以电子邮件获取的，请填写电子邮箱。",
                "Enter an e-mail address to receive the information by e-mail.",
            )
        )
    if data.get("delivery") == "post" and not address:
        problems.append(
            Problem(
                "postal_address",
                "required_for_delivery",
                "选择邮寄获取的，请填写通信地址。",
                "Enter a postal address to receive the information by post.",
            )
        )
    return problems


def _check_description(data: dict) -> list[Problem]:
    description = data.get("description", "")
    if not description:
        return [
            Problem(
                "description",
                "required",
                "请描述所需的政府信息（名称、文号或其他特征）。",
                "Describe the information you ask for (title, document number or other features).",
            )
        ]
    if len(description) > DESCRIPTION_MAX_LENGTH:
        return [
            Problem(
                "description",
                "too_long",
                f"所需信息的描述不能超过{DESCRIPTION_MAX_LENGTH}个字（现为{len(description)}个字）；"
                "内容较多的，请分项提出申请或以附件提交。",
                f"The description may have at most {DESCRIPTION_MAX_LENGTH} characters "
                f"(it has {len(description)}); split the request or attach a document.",
            )
        ]
    return []
