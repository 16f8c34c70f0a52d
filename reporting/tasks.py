"""Celery tasks of the results: publishing stored rounds (reporting/publication.py), the
background exports and the prepared PDF reports."""

from celery import shared_task

from reporting import publication


@shared_task
def publish_due() -> int:
    """Beat runs this every night after the responses are stored: each stored round whose
    figures are not computed, or were computed from other data, is computed again; then the
    boards' PDF reports of what changed are made (a round computed again took its files)."""
    done = publication.publish_due()
    prepare_reports.delay()
    return done


@shared_task
def make_export(export_id: str) -> None:
    """Makes one export asked for in the portal (reporting/exports/jobs.py)."""
    from reporting.exports import jobs

    jobs.make(export_id)


@shared_task
def purge_exports() -> int:
    """Beat runs this every hour: exports older than EXPORT_KEEP_HOURS go, files and all."""
    from reporting.exports import jobs

    return jobs.purge_old()


@shared_task
def prepare_reports() -> int:
    """Beat runs this every hour and when it starts: the boards' PDF reports of the newest
    published rounds, made before they are asked for (reporting/exports/report_files.py)."""
    from reporting.exports import report_files

    return report_files.prepare()
