"""Default reply letter templates (editable afterwards), and the application channels section
of the 政府信息公开指南 (《条例》第十二条; 国办公开办函〔2017〕19号: the channels and how to use
them must be published in the guide)."""

from django.db import migrations

from gongkai.disclosure.letters import DEFAULT_TEMPLATES

MARKER = 'id="application-channels"'

CHANNELS_ZH = """
<h2 id="application-channels">五、依申请公开的申请渠道及使用方法</h2>
<p>申请人可以通过下列渠道提出政府信息公开申请。当面提交和邮政寄送是基本渠道，本机关不拒绝。</p>
<ol>
<li><b>网上申请</b>：在本网站“依申请公开”栏目（<a href="/requests/apply/">/requests/apply/</a>）填写申请表并提交。提交成功即显示申请编号和专属查询链接，填写电子邮箱的同时发送回执邮件；以提交之日（北京时间）为收到申请之日。申请人可以凭专属链接，或凭申请编号和查询码（<a href="/requests/track/">/requests/track/</a>）查看办理进度、答复期限、补正要求和答复告知书，并在线补正。</li>
<li><b>当面提交</b>：工作时间到政府信息公开工作机构提交书面申请；以提交之日为收到申请之日。书写确有困难的，可以口头提出，由工作人员代为填写。</li>
<li><b>邮政寄送</b>：寄送书面申请至政府信息公开工作机构，请在信封上注明“政府信息公开申请”。需签收的邮件以本机关签收之日为收到申请之日；平常信函等无需签收的邮件，本机关收到当日与申请人电话确认，以确认之日为收到申请之日，请务必在申请中留下联系电话。</li>
<li><b>传真</b>：传真至政府信息公开工作机构，并电话确认；以双方确认之日为收到申请之日。</li>
<li><b>电子邮件</b>：发送至政府信息公开工作机构公布的电子邮箱；本机关回复确认，以双方确认之日为收到申请之日。</li>
</ol>
<p>申请应当包括：申请人的姓名或者名称、身份证明（自然人填写身份证件号码；法人或者其他组织填写统一社会信用代码）、联系方式；申请公开的政府信息的名称、文号或者便于查询的其他特征性描述；获取信息的方式和途径（纸质或电子形式；电子邮件、当面领取、邮寄或网上获取）。申请无需说明用途。</p>
"""

CHANNELS_EN = """
<h2 id="application-channels">5. How to apply: channels</h2>
<p>Requests for government information can be made through these channels. Submission in person and by post are always accepted.</p>
<ol>
<li><b>Online</b>: fill in the form at <a href="/requests/apply/">/requests/apply/</a>. The tracking number and a private link are shown at once, and sent by e-mail if you give an address; the request counts as received on the day it is submitted (China time). Follow it — status, deadline, any request for correction, the reply letter — through the private link, or with the tracking number and access code at <a href="/requests/track/">/requests/track/</a>.</li>
<li><b>In person</b>: hand in a written request at the disclosure office during office hours; received on that day. If writing is difficult, staff fill in the form for you.</li>
<li><b>By post</b>: send a written request to the disclosure office, marked “政府信息公开申请”. Signed-for mail is received on the day the office signs for it; an ordinary letter on the day the office confirms it with you by phone, so please give a phone number.</li>
<li><b>Fax</b>: fax the disclosure office and confirm by phone; received on the day both sides confirm.</li>
<li><b>E-mail</b>: write to the disclosure office's published address; received on the day both sides confirm.</li>
</ol>
<p>A request states your name, proof of identity (ID number for a person; unified social credit code for an organisation) and contact details; the information wanted (title, document number or other identifying features); and how you want to receive it. No purpose needs to be given.</p>
"""


def add_defaults(apps, schema_editor):
    ReplyTemplate = apps.get_model("disclosure", "ReplyTemplate")
    for group, (title, body) in DEFAULT_TEMPLATES.items():
        ReplyTemplate.objects.get_or_create(group=group, defaults={"title": title, "body": body})
    GuidePage = apps.get_model("portal", "GuidePage")
    for page in GuidePage.objects.all():
        if MARKER in page.body:
            continue
        page.body = page.body + CHANNELS_ZH
        if page.body_en:
            page.body_en = page.body_en + CHANNELS_EN
        page.save(update_fields=["body", "body_en"])


class Migration(migrations.Migration):
    dependencies = [
        ("disclosure", "0001_initial"),
        ("portal", "0002_guide_page"),
    ]

    operations = [migrations.RunPython(add_defaults, migrations.RunPython.noop)]
