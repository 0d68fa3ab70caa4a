"""Search as officials type: with or without diacritics ("thoi viec" finds "thôi việc"), in any case, over a figure's
names in both languages, its quote and its id."""

from __future__ import annotations

import unicodedata

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc


def fold(text: str) -> str:
    """Lower case, no diacritics: 'Thôi VIỆC, Đồng' → 'thoi viec, dong' (đ is a letter of its own, not a d with a mark)."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def folded(column: pd.Series) -> pa.ChunkedArray:
    """fold() over a whole column in Arrow's C++ kernels: 200,000 rows in a fraction of a second, once per dataset."""
    arr = pa.chunked_array([pa.array(column.astype("string").fillna("").to_numpy(dtype=object), pa.string())])
    arr = pc.replace_substring(pc.replace_substring(arr, "đ", "d"), "Đ", "D")
    arr = pc.utf8_normalize(arr, "NFD")
    return pc.utf8_lower(pc.replace_substring_regex(arr, r"\p{Mn}", ""))


def haystack(frame: pd.DataFrame) -> pa.ChunkedArray:
    """The folded text each row is searched in."""
    return pc.binary_join_element_wise(folded(frame["name_vi"]), folded(frame["name_en"]), folded(frame["quote"]),
                                       folded(frame["id"]), " ")


def matches(hay: pa.ChunkedArray, query: str) -> pd.Series:
    """A boolean per row: the folded query stands in the row's folded text (every word of it, in any order)."""
    mask = None
    for word in fold(query).split():
        hit = pc.match_substring(hay, word)
        mask = hit if mask is None else pc.and_(mask, hit)
    return pd.Series(True, index=range(len(hay))) if mask is None else pd.Series(mask.to_numpy(zero_copy_only=False))
