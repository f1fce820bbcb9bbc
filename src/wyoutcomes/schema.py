"""The pandera schema of a submission, for analysts' own pipelines.

>>> from wyoutcomes.schema import submission_schema
>>> schema = submission_schema(plan_rules=False)
>>> schema.name
'wyoutcomes-submission'
"""

from __future__ import annotations

from wyoutcomes.validation.schema import SubmissionSchema, submission_schema

__all__ = ["SubmissionSchema", "submission_schema"]
