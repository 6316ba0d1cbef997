"""The `gongkai` command: run, operate and maintain a Gongkai site.

Each subcommand but ``demo`` is a Django management command under a shorter name; the
arguments after it go to that command (``gongkai serve --help`` shows its options).
``gongkai manage ...`` reaches every management command.
"""

from __future__ import annotations

import argparse
import os
import sys

# subcommand: (management command, description)
COMMANDS: dict[str, tuple[str, str]] = {
    "serve": ("serve", "运行网站（IPv4 与 IPv6）Serve the site on IPv4 and IPv6"),
    "worker": ("worker", "后台任务与定时发布 Run background jobs and the clock"),
    "migrate": ("migrate", "建立或升级数据库 Create or upgrade the database"),
    "import": ("import_documents", "导入文件为待审签草稿 Import files as draft documents"),
    "extract": ("extract", "显示从文件中提取的信息 Show what is extracted from a file"),
    "reindex": ("reindex", "重建全文检索索引 Rebuild the search index"),
    "backup": ("backup", "备份数据库、上传文件与密钥 Back up the database, uploads and keys"),
    "restore": ("restore", "从备份恢复 Restore a backup into an empty site"),
    "createsuperuser": ("createsuperuser", "创建管理员账号 Create an administrator"),
    "check": ("check", "检查配置 Check the configuration"),
    "otp": ("otp", "两步验证：状态与重置 Second factor: status and reset"),
    "audit": ("audit", "审计日志：校验、封存、检查点 Audit log: verify, seal, checkpoint"),
    "health": ("health_check", "网站自查 Check the public site's links, content and columns"),
    "inspections": ("inspections", "双随机抽查：验证或导出抽取 Verify or export a random draw"),
    "spotchecks": ("spotchecks", "政务公开抽查：验证或导出抽取 Verify or export a spot check"),
    "audio": ("audio", "每日一听：补生成解读音频 Read published interpretations aloud"),
}
DEMO_HELP = "载入演示数据（仅用于演示）Load the demo data (for demonstrations only)"
MANAGE_HELP = "任意 Django 管理命令 Any Django management command"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gongkai",
        description="公开 Gongkai: open-government platform.",
        epilog="Run 'gongkai COMMAND --help' for a command's options.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, (_, description) in COMMANDS.items():
        commands.add_parser(name, help=description, add_help=False)
    demo = commands.add_parser("demo", help=DEMO_HELP, description=DEMO_HELP)
    demo.add_argument(
        "--seed-dir",
        help="Folder of seed documents to include (default: ../shared/seed beside the repo).",
    )
    commands.add_parser("manage", help=MANAGE_HELP, add_help=False)
    return parser


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser()
    # Only the subcommand is ours; what follows it belongs to the management command.
    args = parser.parse_args(argv[:1] if argv and argv[0] != "demo" else argv)
    if args.command == "demo":
        return run_demo(seed_dir=args.seed_dir)
    rest = argv[1:]
    if args.command == "manage":
        return manage(rest)
    return manage([COMMANDS[args.command][0], *rest])


def manage(argv: list[str]) -> int:
    from django.core.management import execute_from_command_line

    execute_from_command_line(["gongkai", *argv])
    return 0


def run_demo(*, seed_dir: str | None) -> int:
    import django

    django.setup()
    from gongkai.demo import build_demo, default_seed_dir

    result = build_demo(seed_dir=seed_dir or default_seed_dir(), log=print)
    print()
    print(result.summary())
    print()
    print("演示账号 Demo logins (http://127.0.0.1:8000/admin/):")
    for login in result.logins:
        print(f"  {login.username:<10} {login.password:<14} {login.role_label}")
    _print_second_factors(result.logins)
    return 0


def _print_second_factors(logins) -> None:
    print()
    print(
        "两步验证 Second factor: 审签和管理员登录后还须输入验证码。把密钥加入手机上的身份验证器，"
        "或输入一个备用码（每个只能用一次）。\n"
        "Reviewers and administrators type a code after the password: add the secret to an "
        "authenticator app, or type a backup code (each works once)."
    )
    for login in logins:
        if login.totp_secret:
            print(f"  {login.username:<10} 密钥 secret: {login.totp_secret}")
            print(f"  {'':<10} 备用码 backup codes: {' '.join(login.backup_codes) or '-'}")


if __name__ == "__main__":
    sys.exit(main())
