"""The sample (utvalg) from the VIGO extract: reading the file (extract_file, xlsx_rows),
judging each row (rules, contact_checks), choosing supervisors (supervisor_selection),
writing the diff (importing, bulk_rows), and what counties and offices see of it (overview,
quality_report, quality_export, views), with its admin upload and tasks."""
