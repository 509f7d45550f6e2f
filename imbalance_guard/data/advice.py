"""What a label profile means: thresholds, verdicts, messages and suggestions from real counts.

Pure Python (no pandas, no pyarrow): the dataset rules (IG101-IG105) and the pandera checks
both call these functions, so a skewed column reads the same wherever it is found.

Every number in a message or suggestion is computed from the profile's counts: the classes'
counts and shares, scikit-learn's ``class_weight="balanced"`` weights
(``n_samples / (n_classes * count)``), whether SMOTE's default ``k_neighbors=5`` can run on the
smallest class, and how many stratified folds the smallest class allows.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from imbalance_guard.data.profile import LabelProfile

# The thresholds' defaults live in their own small module, read on every run to declare the
# settings; the verdicts below use them.
from imbalance_guard.data.thresholds import (
    MAX_IMBALANCE_RATIO,
    MAX_MISSING_SHARE,
    MESSAGE_CLASSES,
    MIN_CLASS_COUNT,
    SMOTE_K_NEIGHBORS,
    STRATIFIED_FOLDS,
)
from imbalance_guard.records import record


@record(frozen=True)
class Verdict:
    """One problem found in a label profile: the rule's code, message and suggestion."""

    code: str
    message: str
    suggestion: str
    # Details for reporters (JSON-serialisable): the classes concerned, weights ...
    data: dict


# -- numbers ------------------------------------------------------------------------------------


def imbalance_ratio(counts: Mapping[str, int]) -> float:
    """Majority count over minority count (1.0 for fewer than two classes)."""
    values = [c for c in counts.values() if c > 0]
    if len(values) < 2:
        return 1.0
    return max(values) / min(values)


def balanced_class_weights(counts: Mapping[str, int]) -> dict[str, float]:
    """scikit-learn's ``class_weight="balanced"``: ``n_samples / (n_classes * count)``."""
    present = {k: c for k, c in counts.items() if c > 0}
    total = sum(present.values())
    return {k: total / (len(present) * c) for k, c in present.items()}


def smote_can_run(minority: int, k_neighbors: int = SMOTE_K_NEIGHBORS) -> bool:
    """SMOTE needs ``k_neighbors`` neighbours of a minority row, so ``k_neighbors + 1`` rows."""
    return minority >= k_neighbors + 1


def max_stratified_folds(counts: Mapping[str, int]) -> int:
    """The most folds StratifiedKFold can make: every class needs a row in each fold."""
    values = [c for c in counts.values() if c > 0]
    return min(values) if values else 0


# -- text ---------------------------------------------------------------------------------------


def share_text(part: int, whole: int) -> str:
    """A percentage with the precision a small share needs: 97%, 2.5%, 0.05%."""
    if whole <= 0:
        return "0%"
    share = 100 * part / whole
    if share == 0 or share >= 10:
        return f"{share:.0f}%"
    return f"{share:.2g}%" if share >= 0.01 else f"{share:.1e}%"


_DECIMAL = re.compile(r"[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?\Z")


def class_literal(value: str, dtype: str) -> str:
    """A class as it would appear in Python code: ``0``, ``True``, ``'fraud'``."""
    kind = dtype.lower()
    if kind.startswith(("int", "uint", "float", "double")) and _is_number(value):
        number = float(value)
        return str(int(number)) if number.is_integer() else value
    if kind in ("bool", "boolean") and value in ("True", "False"):
        return value
    return repr(value)


def _is_number(text: str) -> bool:
    # ASCII decimals only: float() also takes "1_0", " 1" and Arabic-Indic digits (text)
    return bool(_DECIMAL.match(text)) or text in ("nan", "inf", "-inf")


def counts_text(profile: LabelProfile, limit: int = MESSAGE_CLASSES) -> str:
    """``0: 1,960 (98%), 1: 40 (2%)`` — largest first, the missing rows last."""
    total = profile.rows
    items = list(profile.counts.items())
    parts = [f"{k}: {c:,} ({share_text(c, total)})" for k, c in items[:limit]]
    if len(items) > limit:
        parts.append(f"… {len(items) - limit} more classes")
    if profile.missing:
        parts.append(f"missing: {profile.missing:,} ({share_text(profile.missing, total)})")
    return ", ".join(parts)


def weights_literal(profile: LabelProfile, digits: int = 4) -> str:
    """``{0: 0.5102, 1: 25.0}``, ready to paste as ``class_weight=``."""
    weights = balanced_class_weights(profile.counts)
    items = sorted(weights.items(), key=lambda kv: _sort_key(kv[0], profile.dtype))
    body = ", ".join(f"{class_literal(k, profile.dtype)}: {round(w, digits)!r}" for k, w in items)
    return "{" + body + "}"


def _sort_key(value: str, dtype: str) -> tuple:
    literal = class_literal(value, dtype)
    return (0, float(literal), "") if _is_number(literal) else (1, 0.0, value)


def class_name(value: str) -> str:
    """A class for prose: numbers bare, text quoted (``1``, ``'fraud'``)."""
    return value if _is_number(value) else repr(value)


def _names(classes: list[str], profile: LabelProfile) -> str:
    quoted = [class_name(k) for k in classes]
    if len(quoted) > MESSAGE_CLASSES:
        quoted = [*quoted[:MESSAGE_CLASSES], f"… {len(quoted) - MESSAGE_CLASSES} more"]
    return ", ".join(quoted)


def remedies(profile: LabelProfile) -> list[str]:
    """The suggestion lines every class-distribution finding shares, from the real counts."""
    counts = {k: c for k, c in profile.counts.items() if c > 0}
    if len(counts) < 2:
        return []
    smallest_class, smallest = min(counts.items(), key=lambda kv: kv[1])
    lines = [
        f'weight the classes: class_weight="balanced" gives {weights_literal(profile)} '
        "(n_samples / (n_classes * count))",
    ]
    if smote_can_run(smallest):
        lines.append(
            f"or oversample the training part only: SMOTE(k_neighbors={SMOTE_K_NEIGHBORS}) can "
            f"run (smallest class {class_name(smallest_class)} has {smallest:,} rows, it needs "
            f"{SMOTE_K_NEIGHBORS + 1}); put it in an imblearn Pipeline after the split"
        )
    else:
        k = smallest - 1
        smote = f"SMOTE(k_neighbors={k})" if k >= 1 else "no SMOTE at all"
        lines.append(
            f"SMOTE(k_neighbors={SMOTE_K_NEIGHBORS}) cannot run: "
            f"class {class_name(smallest_class)} has "
            f"{smallest} row{'s' if smallest != 1 else ''}, it needs {SMOTE_K_NEIGHBORS + 1}; "
            f"use RandomOverSampler ({smote} at most), or collect more data of that class"
        )
    folds = max_stratified_folds(counts)
    if folds >= STRATIFIED_FOLDS:
        split = f"StratifiedKFold(n_splits={STRATIFIED_FOLDS})"
    elif folds >= 2:
        split = (
            f"StratifiedKFold(n_splits={folds}) at most "
            f"(class {class_name(smallest_class)} has {folds})"
        )
    else:
        split = "no stratified k-fold (a class has a single row)"
    lines.append(f"split with train_test_split(..., stratify=y) and {split}")
    lines.append("report F1, PR AUC (average_precision_score) and balanced accuracy, not accuracy")
    return lines


# -- verdicts -----------------------------------------------------------------------------------


def skewed_labels(profile: LabelProfile, max_ratio: float = MAX_IMBALANCE_RATIO) -> Verdict | None:
    """IG101: a class whose count is more than ``max_ratio`` times below the majority's."""
    counts = {k: c for k, c in profile.counts.items() if c > 0}
    if len(counts) < 2:
        return None
    majority_class, majority = max(counts.items(), key=lambda kv: kv[1])
    skewed = [k for k, c in counts.items() if majority / c > max_ratio]
    if not skewed:
        return None
    ratio = imbalance_ratio(counts)
    which = (
        f"class {_names(skewed, profile)} is"
        if len(skewed) == 1
        else f"classes {_names(skewed, profile)} are"
    )
    message = (
        f"`{profile.column}` is skewed {ratio:,.3g}:1 ({which} over {max_ratio:g}x below "
        f"the majority {class_name(majority_class)}): {counts_text(profile)}"
    )
    data = {
        "imbalance_ratio": ratio,
        "max_imbalance_ratio": max_ratio,
        "skewed_classes": skewed,
        "class_weight": balanced_class_weights(counts),
    }
    return Verdict("IG101", message, "\n".join(remedies(profile)), data)


def rare_classes(profile: LabelProfile, min_count: int = MIN_CLASS_COUNT) -> Verdict | None:
    """IG102: classes with fewer than ``min_count`` rows (too few for SMOTE or stratified CV)."""
    counts = {k: c for k, c in profile.counts.items() if c > 0}
    if len(counts) < 2:
        return None
    rare = {k: c for k, c in counts.items() if c < min_count}
    if not rare:
        return None
    detail = ", ".join(f"{class_name(k)}: {c}" for k, c in list(rare.items())[:MESSAGE_CLASSES])
    if len(rare) > MESSAGE_CLASSES:
        detail += f", … {len(rare) - MESSAGE_CLASSES} more"
    noun = "class has" if len(rare) == 1 else "classes have"
    message = (
        f"`{profile.column}`: {len(rare)} {noun} fewer than {min_count} rows ({detail}); "
        f"{counts_text(profile)}"
    )
    data = {
        "rare_classes": rare,
        "min_class_count": min_count,
        "class_weight": balanced_class_weights(counts),
    }
    return Verdict("IG102", message, "\n".join(remedies(profile)), data)


def single_class(profile: LabelProfile) -> Verdict | None:
    """IG103: a label column with one class (no classifier can be trained or evaluated)."""
    counts = {k: c for k, c in profile.counts.items() if c > 0}
    if len(counts) != 1:
        return None
    ((only, count),) = counts.items()
    message = (
        f"`{profile.column}` has a single class: every labelled row is {class_name(only)} "
        f"({count:,} of {profile.rows:,} rows)"
    )
    suggestion = (
        "a classifier needs at least two classes: check the filter, join or sampling that "
        "produced this file, or collect data of the other class(es)\n"
        "if this is one split of a larger dataset, split with stratify=y so every part "
        "keeps every class"
    )
    return Verdict("IG103", message, suggestion, {"class": only})


def missing_labels(profile: LabelProfile, max_share: float = MAX_MISSING_SHARE) -> Verdict | None:
    """IG104: a share of missing labels above ``max_share``."""
    if profile.rows == 0 or profile.missing == 0:
        return None
    share = profile.missing / profile.rows
    if share <= max_share:
        return None
    limit = "" if max_share == 0 else f", over the {share_text_float(max_share)} allowed"
    message = (
        f"`{profile.column}` has {profile.missing:,} missing label"
        f"{'s' if profile.missing != 1 else ''} of {profile.rows:,} "
        f"row{'s' if profile.rows != 1 else ''} "
        f"({share_text(profile.missing, profile.rows)}{limit})"
    )
    suggestion = (
        f"drop the unlabelled rows before training (df.dropna(subset=[{profile.column!r}])) "
        "or label them; scikit-learn estimators and stratify=y reject missing labels, and "
        "filling them with the majority class adds to the skew"
    )
    data = {"missing": profile.missing, "missing_share": share, "max_missing_share": max_share}
    return Verdict("IG104", message, suggestion, data)


def share_text_float(share: float) -> str:
    return f"{100 * share:.3g}%"


def label_not_found(column: str, columns: tuple[str, ...] | list[str]) -> Verdict:
    """IG105: a configured label column the file does not have."""
    shown = ", ".join(f"`{c}`" for c in list(columns)[:20])
    if len(columns) > 20:
        shown += f", … {len(columns) - 20} more"
    close = [c for c in columns if c.lower() == column.lower()]
    hint = f"; did you mean `{close[0]}`? (names are case-sensitive)" if close else ""
    message = f"label column `{column}` is not in the file; its columns: {shown or 'none'}{hint}"
    suggestion = (
        "set the right column with `label = ...` in [tool.imbalance-guard.data] or --label, "
        'or map file globs to columns with a table: label = { "data/*.csv" = "target" }'
    )
    return Verdict("IG105", message, suggestion, {"label": column, "columns": list(columns)})
