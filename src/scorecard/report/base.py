"""The base of every output model."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

# The data folders a report was made from, as shown from the working directory: the user's folder,
# then the shipped data it layers over (if it does). Set by the CLI; empty when none was read (tests).
DataFolders = tuple[str, ...]


class Out(BaseModel):
    """Base for output models: immutable, and no field may be added by accident."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class Report(Out):
    """Base for what a command reports: in which language, and from which data folders."""

    lang: str = "en"  # language of the interface and rubric words; data text stays as written
    data_folders: DataFolders = ()
