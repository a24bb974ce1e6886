"""`lawkb user add|list|remove`: accounts for the web app's admin pages."""

from __future__ import annotations

import getpass
import sys

from lawkb import overrides_from, print_json
from kb.corpus import Corpus
from kb.errors import QueryError


def register(sub) -> None:
    user = sub.add_parser("user", help="manage web app users (admin import page)",
                          description="Users live in <corpus>/webapp.sqlite, passwords as werkzeug hashes.")
    actions = user.add_subparsers(dest="user_action", metavar="ACTION")
    add = actions.add_parser("add", help="add a user (asks for the password)")
    add.add_argument("name")
    add.add_argument("--admin", action="store_true", help="may use the admin pages (import)")
    add.add_argument("--password-stdin", action="store_true", help="read the password from stdin (one line)")
    add.add_argument("--replace", action="store_true", help="replace an existing user's password and role")
    add.set_defaults(handler=run_add)
    listing = actions.add_parser("list", help="list users")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=run_list)
    remove = actions.add_parser("remove", help="remove a user")
    remove.add_argument("name")
    remove.set_defaults(handler=run_remove)
    user.set_defaults(handler=lambda args: (user.print_help(), 2)[1])


def _users(args):
    from webapp.admin.users import UserStore

    return UserStore.for_corpus(Corpus(overrides=overrides_from(args)))


def read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("password: ")
    if getpass.getpass("password again: ") != first:
        raise QueryError("the two passwords differ")
    return first


def run_add(args) -> int:
    password = read_password(args.password_stdin)
    user = _users(args).add(args.name, password, admin=args.admin, replace=args.replace)
    print(f"user {user.name} {'(admin) ' if user.is_admin else ''}saved")
    return 0


def run_list(args) -> int:
    found = _users(args).list()
    if args.json:
        print_json([{"name": u.name, "admin": u.is_admin, "created_at": u.created_at} for u in found])
    else:
        for u in found:
            print(f"{u.name}\t{'admin' if u.is_admin else 'user'}\t{u.created_at}")
    return 0


def run_remove(args) -> int:
    _users(args).remove(args.name)
    print(f"user {args.name} removed; their open sessions have ended")
    return 0
