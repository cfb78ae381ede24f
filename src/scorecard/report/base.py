"""The base of every output model."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Out(BaseModel):
    """Base for output models: immutable, and no field may be added by accident."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)
