"""``gongkai otp status [USERNAME]`` shows who must use a second factor and who has enrolled;
``gongkai otp reset USERNAME`` removes a user's authenticator and backup codes (a lost phone),
audited."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from gongkai.core.roles import ROLE_GROUP_NAMES
from gongkai.secondfactor import rules, selectors, services

ACTOR = "gongkai otp"


class Command(BaseCommand):
    help = "两步验证：状态与重置 Second factor (TOTP): status and reset."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
        status = actions.add_parser(
            "status",
            help="显示是否必须、是否已启用。Whether it is required and enrolled (without a user "
            "name: every user who must use it or has enrolled).",
        )
        status.add_argument("username", nargs="?")
        reset = actions.add_parser(
            "reset",
            help="删除身份验证器与备用码，下次登录重新启用。Remove the authenticator and backup "
            "codes; the user enrols again at the next sign-in.",
        )
        reset.add_argument("username")
        reset.add_argument("--reason", default="", help="Why (kept in the audit log).")

    def handle(self, *args, action, **options):
        getattr(self, f"_{action}")(**options)

    def _status(self, *, username=None, **options):
        if username:
            users = [_user(username)]
        else:
            required_groups = [ROLE_GROUP_NAMES[role] for role in rules.REQUIRED_ROLES]
            users = (
                get_user_model()
                .objects.filter(is_active=True)
                .filter(
                    Q(is_superuser=True)
                    | Q(groups__name__in=required_groups)
                    | Q(totpdevice__confirmed=True)
                )
                .distinct()
                .order_by("username")
            )
        for user in users:
            self.stdout.write(f"{user.get_username()}\t{selectors.status(user).label}")

    def _reset(self, *, username, reason, **options):
        user = _user(username)
        removed = services.reset(user=user, actor=ACTOR, reason=reason)
        self.stdout.write(
            f"已重置 {username} 的两步验证（删除 {removed} 个设备），下次登录时重新启用。\n"
            f"Reset the second factor of {username} ({removed} devices removed); they enrol "
            "again at the next sign-in."
        )


def _user(username):
    try:
        return get_user_model().objects.get(username=username)
    except get_user_model().DoesNotExist:
        raise CommandError(f"没有用户 {username}。No user {username}.") from None
