"""``gongkai token create USERNAME [--name N]`` prints a new staff API token once;
``token list [USERNAME]`` and ``token revoke ID`` manage them."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from wagtail.models import APIToken

from gongkai.api.services import api_token_create, api_token_revoke

ACTOR = "manage.py token"


class Command(BaseCommand):
    help = "接口令牌 Staff API tokens: create (printed once), list, revoke."

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="action", required=True)
        create = commands.add_parser("create", help="Create a token and print it (once).")
        create.add_argument("username")
        create.add_argument("--name", default="", help="What the token is for.")
        listing = commands.add_parser("list", help="List tokens (never their plaintext).")
        listing.add_argument("username", nargs="?")
        revoke = commands.add_parser("revoke", help="Revoke a token by its id (see list).")
        revoke.add_argument("id", type=int)
        revoke.add_argument("--reason", default="")

    def handle(self, *args, action, **options):
        getattr(self, f"_{action}")(**options)

    def _create(self, *, username, name, **options):
        try:
            plaintext, token = api_token_create(user=_user(username), name=name, actor=ACTOR)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stderr.write(
            f"令牌已创建，只显示这一次，请妥善保存。Token created for {username}; "
            "it is shown only this once:"
        )
        self.stdout.write(plaintext)

    def _list(self, *, username=None, **options):
        tokens = APIToken.objects.select_related("user").order_by("-created", "-pk")
        if username:
            tokens = tokens.filter(user=_user(username))
        for token in tokens:
            used = _when(token.last_used_at) or "never"
            state = f"revoked {_when(token.revoked_at)}" if token.revoked_at else "active"
            self.stdout.write(
                f"{token.pk}\t{token.prefix}…\t{token.user.get_username()}\t{token.name}\t"
                f"created {_when(token.created)}\tlast used {used}\t{state}"
            )

    def _revoke(self, *, id, reason, **options):
        token = APIToken.objects.select_related("user").filter(pk=id).first()
        if token is None:
            raise CommandError(f"没有编号为 {id} 的令牌。No token with id {id}.")
        api_token_revoke(token=token, actor=ACTOR, reason=reason)
        self.stdout.write(f"已吊销 Revoked {token.prefix}… ({token.user.get_username()})")


def _user(username: str):
    User = get_user_model()
    try:
        return User.objects.get(**{User.USERNAME_FIELD: username})
    except User.DoesNotExist:
        raise CommandError(f"没有用户 {username!r}。No user {username!r}.") from None


def _when(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""
