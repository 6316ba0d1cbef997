"""Who may act on a message: the department holding it (editors draft and transfer, heads
approve and publish the reply) and the openness office, which routes by hand and may act for
every department; assessors read. Model permissions come from the role groups (apps.py); this
narrows them to the user's department."""

from __future__ import annotations

from gongkai.core.permissions import acts_for_department


def can_view(user, message) -> bool:
    return user.has_perm("interaction.view_message") and acts_for_department(
        user, message.department_id
    )


def can_handle(user, message) -> bool:
    """Draft the reply, transfer the message."""
    return user.has_perm("interaction.change_message") and acts_for_department(
        user, message.department_id
    )


def can_publish(user, message) -> bool:
    return user.has_perm("interaction.publish_reply") and acts_for_department(
        user, message.department_id
    )


def can_assign(user) -> bool:
    return user.has_perm("interaction.assign_message")
