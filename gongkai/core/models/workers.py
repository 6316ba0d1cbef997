from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkerLease(models.Model):
    """后台进程租约: a running `gongkai worker` says it is alive by renewing its lease.

    A job the task queue shows as running whose worker holds no live lease was left behind
    by a worker that died (killed, out of memory, the machine restarted); another worker
    puts it back in the queue (gongkai.core.worker_leases).
    """

    worker_id = models.CharField(_("进程标识"), max_length=64, primary_key=True)
    host = models.CharField(_("主机"), max_length=255)
    pid = models.PositiveIntegerField(_("进程号"))
    started_at = models.DateTimeField(_("启动时间"))
    renewed_at = models.DateTimeField(_("续约时间"), db_index=True)

    class Meta:
        verbose_name = _("后台进程租约")
        verbose_name_plural = _("后台进程租约")

    def __str__(self):
        return f"{self.worker_id} ({self.host}:{self.pid})"
