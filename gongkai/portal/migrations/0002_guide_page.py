"""Create the 政府信息公开指南 page under the site root, and name Wagtail's default home page.

Historical models have no treebeard methods, so the page's tree position is written by hand.
"""

from django.db import migrations
from django.utils import timezone

STEP_LENGTH = 4  # wagtailcore.Page.steplen
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # wagtailcore.Page.alphabet
WAGTAIL_WELCOME_TITLE = "Welcome to your new Wagtail site!"

GUIDE_TITLE = "政府信息公开指南"
GUIDE_TITLE_EN = "Guide to Government Information Disclosure"

GUIDE_BODY = """
<h2>一、政府信息的分类与编排</h2>
<p>本机关公开的政府信息分为主动公开和依申请公开两类。主动公开的政府信息在本网站的“政策文件库”
和“政府信息公开目录”中按发文机关、公文种类、主题分类和年度编排，每条信息有唯一的索引号；
政策文件的解读在“政策解读”栏目发布。</p>
<h2>二、获取方式</h2>
<h3>（一）主动公开</h3>
<p>主动公开的政府信息自形成或者变更之日起20个工作日内在本网站公开，公众可以浏览、检索、
订阅（RSS、Atom）和下载，无需申请。</p>
<h3>（二）依申请公开</h3>
<p>公民、法人或者其他组织可以向本机关申请获取主动公开以外的政府信息。申请应当采用书面形式，
当面提交和邮政寄送是基本渠道；本机关开通的其他渠道及其使用说明在本指南中公布。</p>
<p>申请内容应当包括：申请人的姓名或者名称、身份证明、联系方式；申请公开的政府信息的名称、
文号或者便于查询的其他特征性描述；申请公开的政府信息的形式要求，包括获取信息的方式、途径。</p>
<p>能够当场答复的，当场予以答复；不能当场答复的，自收到申请之日起20个工作日内予以答复；
需要延长答复期限的，经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不超过20个工作日。
申请内容不明确的，本机关自收到申请之日起7个工作日内一次性告知申请人补正。</p>
<p>提供政府信息不收取费用；申请人申请公开政府信息的数量、频次明显超过合理范围的，
可以依照《政府信息公开信息处理费管理办法》收取信息处理费。</p>
<h2>三、政府信息公开工作机构</h2>
<p>工作机构的名称、办公地址、办公时间、联系电话、传真号码和互联网联系方式由本机关在此公布并及时更新。</p>
<h2>四、监督和救济</h2>
<p>公民、法人或者其他组织认为本机关在政府信息公开工作中侵犯其合法权益的，可以向上一级行政机关
或者政府信息公开工作主管部门投诉、举报，也可以依法申请行政复议或者提起行政诉讼。</p>
"""

GUIDE_BODY_EN = """
<h2>1. How information is organised</h2>
<p>Government information is disclosed proactively or on request. Proactively disclosed information
is arranged in the policy library and the disclosure catalogue of this site by issuing body, document
kind, topic and year, each item with a unique index number; interpretations of policies are published
under “Interpretations”.</p>
<h2>2. How to obtain information</h2>
<h3>Proactive disclosure</h3>
<p>Proactively disclosed information is published on this site within 20 working days of being
created or changed. Anyone may read, search, subscribe to (RSS, Atom) and download it without
applying.</p>
<h3>Disclosure on request</h3>
<p>Citizens, legal persons and other organisations may apply for information that is not proactively
disclosed. Applications are made in writing; submission in person and by post are always accepted,
and any further channels are announced in this guide.</p>
<p>An application states the applicant’s name, proof of identity and contact details; a description
of the information sought (its title, document number or other identifying features); and the form
in which it is wanted.</p>
<p>Where possible the answer is given on the spot; otherwise within 20 working days of receipt,
extendable by at most 20 working days with the approval of the head of the disclosure office and
notice to the applicant. An unclear application is returned for correction, once and in full,
within 7 working days.</p>
<p>Information is provided free of charge; an information processing fee may be charged only when
the number or frequency of applications clearly exceeds a reasonable range.</p>
<h2>3. Disclosure office</h2>
<p>The name, address, office hours, telephone, fax and online contact of the disclosure office are
published and kept up to date here.</p>
<h2>4. Oversight and remedies</h2>
<p>Anyone who believes their lawful rights were infringed in disclosure work may complain to the
authority one level up or to the competent disclosure authority, or apply for administrative
reconsideration or bring an administrative lawsuit.</p>
"""


def _html(text: str, joiner: str) -> str:
    """The bodies above are wrapped for reading here; Chinese lines join without a space."""
    return joiner.join(line.strip() for line in text.strip().splitlines())


def _child_path(parent_path: str, step: int) -> str:
    digits = []
    for _ in range(STEP_LENGTH):
        step, remainder = divmod(step, len(ALPHABET))
        digits.append(ALPHABET[remainder])
    return parent_path + "".join(reversed(digits))


def create_guide(apps, schema_editor):
    Site = apps.get_model("wagtailcore", "Site")
    Page = apps.get_model("wagtailcore", "Page")
    GuidePage = apps.get_model("portal", "GuidePage")
    ContentType = apps.get_model("contenttypes", "ContentType")
    site = Site.objects.filter(is_default_site=True).first()
    if site is None or GuidePage.objects.exists():
        return
    home = Page.objects.get(pk=site.root_page_id)
    if home.title == WAGTAIL_WELCOME_TITLE:
        # The portal's home is Django's "/"; this page only roots the editorial pages.
        home.title = home.draft_title = "门户页面 Portal pages"
        home.save(update_fields=["title", "draft_title"])
    children = Page.objects.filter(path__startswith=home.path, depth=home.depth + 1)
    last = children.order_by("-path").values_list("path", flat=True).first()
    step = int(last[-STEP_LENGTH:], len(ALPHABET)) + 1 if last else 1
    slug = "guide" if not children.filter(slug="guide").exists() else "disclosure-guide"
    now = timezone.now()
    GuidePage.objects.create(
        title=GUIDE_TITLE,
        draft_title=GUIDE_TITLE,
        title_en=GUIDE_TITLE_EN,
        slug=slug,
        body=_html(GUIDE_BODY, ""),
        body_en=_html(GUIDE_BODY_EN, " "),
        content_type=ContentType.objects.get_for_model(GuidePage),
        path=_child_path(home.path, step),
        depth=home.depth + 1,
        numchild=0,
        url_path=f"{home.url_path}{slug}/",
        locale_id=home.locale_id,
        live=True,
        first_published_at=now,
        last_published_at=now,
    )
    Page.objects.filter(pk=home.pk).update(numchild=children.count())


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_guide, migrations.RunPython.noop)]
