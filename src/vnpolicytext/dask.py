"""vnpolicytext in Dask and pandas pipelines: per-document figures of a text column, as a DataFrame.

`analyze_dataframe(ddf, text_column="text")` maps `analyze_pandas` over the partitions of a Dask
DataFrame; each worker loads the library and its models once. Needs the extra `vnpolicytext[dask]`.
(This module is `vnpolicytext.dask`; the imports below are absolute, so they reach the real dask.)
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Any

from .batch import ColumnType, DocRef, ProfileFor, document_columns, process
from .config import Config, load_config
from .markup import InputFormat

if TYPE_CHECKING:
    import dask.dataframe
    import pandas

ERROR_COLUMNS: tuple[tuple[str, ColumnType], ...] = (("error_type", "string"), ("error_message", "string"))


def figure_columns() -> list[tuple[str, ColumnType]]:
    """Columns of the frame `analyze_pandas` returns: the documents table's, then the error columns."""
    return [*document_columns(), *ERROR_COLUMNS]


@cache
def _config(config_json: str) -> Config:
    return load_config(json.loads(config_json))


def analyze_pandas(
    df: pandas.DataFrame,
    text_column: str = "text",
    *,
    id_column: str | None = None,
    config: Config | dict[str, Any] | str | None = None,
    input_format: InputFormat = "text",
    profile_for: ProfileFor | None = None,
    time_budget: float | None = None,
) -> pandas.DataFrame:
    """One row of figures per row of `df`, same index; a row that fails has `error_type` set."""
    import pandas as pd
    import pyarrow as pa

    from .audit import analysis_allocator, schema_of

    cfg = _config(config) if isinstance(config, str) else load_config(config)
    if text_column not in df.columns:
        raise KeyError(f"no column {text_column!r} in the frame")
    ids = df[id_column] if id_column is not None else df.index
    rows = []
    with analysis_allocator():  # on a worker started by a Dask nanny, as for an audit's parts
        for doc_id, text in zip(ids, df[text_column], strict=True):
            ref = DocRef(
                id=str(doc_id),
                kind="inline",
                path=None,
                input_format=input_format,
                text=text if isinstance(text, str) else None,
                problem=None if isinstance(text, str) else f"column {text_column!r} holds no string here",
            )
            result = process(ref, cfg, profile_for=profile_for, time_budget=time_budget)
            if result.row is not None:
                rows.append(result.row)
            else:
                assert result.error is not None
                rows.append(
                    {
                        "id": ref.id,
                        "source_kind": "inline",
                        "input_format": input_format,
                        "error_type": result.error["error_type"],
                        "error_message": result.error["message"],
                    }
                )
    table = pa.Table.from_pylist(rows, schema=schema_of(figure_columns()))
    frame = table.to_pandas(types_mapper=pd.ArrowDtype)
    frame.index = df.index
    return frame


def analyze_dataframe(
    ddf: dask.dataframe.DataFrame,
    text_column: str = "text",
    *,
    id_column: str | None = None,
    config: Config | dict[str, Any] | None = None,
    input_format: InputFormat = "text",
    profile_for: Callable[[str], str] | None = None,
    time_budget: float | None = None,
) -> dask.dataframe.DataFrame:
    """A Dask DataFrame of per-document figures (columns as the audit's documents table), same index.

    Lazy, like every Dask operation: call `.compute()` or write it with `.to_parquet()`.
    """
    import pandas as pd

    config_json = load_config(config).model_dump_json()
    kwargs: dict[str, Any] = {
        "text_column": text_column,
        "id_column": id_column,
        "config": config_json,
        "input_format": input_format,
        "profile_for": profile_for,
        "time_budget": time_budget,
    }
    columns = [text_column] + ([id_column] if id_column is not None else [])
    empty = pd.DataFrame({c: pd.Series([], dtype=object) for c in columns})
    meta = analyze_pandas(empty, **kwargs)
    return ddf.map_partitions(analyze_pandas, meta=meta, **kwargs)


__all__ = ["analyze_dataframe", "analyze_pandas", "figure_columns"]
