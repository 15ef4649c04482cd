"""Analysis: questions asked of the whole record (spread, change, who speaks)."""

from vigil.analysis.spread import Area, Change, Spread, actor_ids, spread

__all__ = ["Area", "Change", "Spread", "actor_ids", "spread"]
