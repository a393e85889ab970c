"""Pure data shared by every stage: no I/O, no parsing library.

Records throughout fitness are named tuples: immutable like frozen dataclasses,
but a seventh of the cost to define (a warm run defines dozens before it does
any work) and a tenth to build.
"""

from fitness.model.adr import (
    Adr,
    AdrLink,
    AdrStatus,
    ConfirmingRule,
    DecisionsOverview,
    Enforcement,
    RuleMention,
)
from fitness.model.comments import Comment
from fitness.model.finding import Chain, Finding, Hop, Location, Routes, Severity, Site
from fitness.model.fingerprint import fingerprint
from fitness.model.imports import (
    Between,
    FileFacts,
    ImportEdge,
    PairImports,
    ParseFailure,
    RawImport,
)
from fitness.model.kinds import BUILT_IN_KINDS, FindingKind, built_in_kind
from fitness.model.notice import Notice
from fitness.model.report import DisabledRule, Report, RuleListing, RuleSummary
from fitness.model.uses import NO_BANS, UNMEASURED, ApiUse, Argument, Bans
from fitness.model.verdict import (
    BadSuppression,
    BaselineEntry,
    ExceptionRules,
    Exemption,
    Past,
    Suppressed,
    Suppression,
)

__all__ = [
    "BUILT_IN_KINDS",
    "NO_BANS",
    "UNMEASURED",
    "Adr",
    "AdrLink",
    "AdrStatus",
    "ApiUse",
    "Argument",
    "BadSuppression",
    "Bans",
    "BaselineEntry",
    "Between",
    "Chain",
    "Comment",
    "ConfirmingRule",
    "DecisionsOverview",
    "DisabledRule",
    "Enforcement",
    "ExceptionRules",
    "Exemption",
    "FileFacts",
    "Finding",
    "FindingKind",
    "Hop",
    "ImportEdge",
    "Location",
    "Notice",
    "PairImports",
    "ParseFailure",
    "Past",
    "RawImport",
    "Report",
    "Routes",
    "RuleListing",
    "RuleMention",
    "RuleSummary",
    "Severity",
    "Site",
    "Suppressed",
    "Suppression",
    "built_in_kind",
    "fingerprint",
]
