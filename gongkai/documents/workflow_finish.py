"""``WAGTAIL_FINISH_WORKFLOW_ACTION``: what happens when a workflow is approved to the end.

Wagtail imports this setting while ``wagtail.models`` itself is being imported, so this module
imports nothing at load time and hands over to gongkai.documents.publication when called.
"""


def publish_signed_off(workflow_state, user=None):
    from gongkai.documents.publication import publish_signed_off

    return publish_signed_off(workflow_state, user)
