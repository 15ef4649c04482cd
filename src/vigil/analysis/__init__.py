"""Analysis: questions asked of the whole record (spread, change, who speaks)."""

from vigil.analysis.merge import MergeReport, merge_events, merged_events, same_event
from vigil.analysis.spread import Area, Change, Spread, actor_ids, spread

__all__ = ["Area", "Change", "Spread", "actor_ids", "spread", "MergeReport", "merge_events", "merged_events", "same_event"]
