import pytest

from gongkai.areas import services
from gongkai.areas.models import CertificateItem, ServiceGuide
from gongkai.core.roles import Role
from tests.factories import make_department, make_document, make_user, publish_object

MATERIALS = [
    {"name": "居民身份证", "form": "original", "copies": 1, "need": "required"},
    {"name": "户口簿", "form": "both", "copies": 1, "need": "required"},
    {"name": "结婚证", "form": "copy", "copies": 1, "need": "conditional", "note": "已婚的提交"},
]


def make_guide(
    *, department=None, bases=(), materials=MATERIALS, publish=True, **fields
) -> ServiceGuide:
    """A guide as staff write it; signed off and live unless told."""
    department = department or make_department()
    fields.setdefault("name", "城乡居民基本养老保险参保登记")
    fields.setdefault("basis", "《中华人民共和国社会保险法》第二十条")
    fields.setdefault("conditions", "年满16周岁（不含在校学生），非国家机关和事业单位工作人员。")
    fields.setdefault("statutory_days", 20)
    fields.setdefault("promised_days", 5)
    fields.setdefault("flow", "申请\n受理\n审核\n办结")
    fields.setdefault("where_to_apply", "区政务服务中心一楼社保窗口（工作日9:00-17:00）")
    guide = services.guide_create(
        user=None, department=department, bases=bases, materials=materials, **fields
    )
    return publish_object(guide) if publish else guide


def make_certificate(*, department=None, publish=True, **fields) -> CertificateItem:
    """A certificate item as staff write it; signed off and live unless told."""
    fields.setdefault("name", "无犯罪记录证明")
    fields.setdefault("issuing_body", "公安机关")
    fields.setdefault("basis", "《中华人民共和国教师法》第十四条")
    fields.setdefault("used_for", "教师资格认定")
    item = services.certificate_create(
        user=None, department=department or make_department(), **fields
    )
    return publish_object(item) if publish else item


@pytest.fixture
def department(db):
    return make_department(name="人力资源和社会保障局")


@pytest.fixture
def editor(department):
    return make_user(role=Role.EDITOR, department=department)


@pytest.fixture
def reviewer(db):
    return make_user(role=Role.REVIEWER, department=make_department(name="党政办公室"))


@pytest.fixture
def basis(db):
    return make_document(title="某市城乡居民基本养老保险实施办法", doc_number="某府发〔2015〕8号")
