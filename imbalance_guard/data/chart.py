"""A class distribution as a small horizontal bar chart for the terminal. Pure Python."""

from __future__ import annotations

from imbalance_guard.data.advice import share_text
from imbalance_guard.data.profile import LabelProfile

WIDTH = 30  # characters of the longest bar
MAX_ROWS = 12  # classes drawn; the rest are summed up in one line
_EIGHTHS = " ▏▎▍▌▋▊▉"


def bar(part: int, whole: int, width: int = WIDTH) -> str:
    """A bar of ``part / whole`` of ``width`` characters, in eighths; never empty if part > 0."""
    if whole <= 0 or part <= 0:
        return ""
    eighths = round(8 * width * part / whole)
    full, rest = divmod(max(eighths, 1), 8)
    return "█" * full + (_EIGHTHS[rest] if rest else "")


def chart(profile: LabelProfile, width: int = WIDTH, max_rows: int = MAX_ROWS) -> list[str]:
    """One line per class (largest first) and one for missing labels, scaled to the largest."""
    rows = [(str(k), c) for k, c in profile.counts.items()]
    hidden = rows[max_rows:]
    rows = rows[:max_rows]
    if hidden:
        rows.append((f"({len(hidden)} more)", sum(c for _, c in hidden)))
    if profile.missing:
        rows.append(("(missing)", profile.missing))
    if not rows:
        return []
    scale = max(c for _, c in rows)
    names = max(len(n) for n, _ in rows)
    numbers = max(len(f"{c:,}") for _, c in rows)
    return [
        f"{name:<{names}}  {bar(count, scale, width):<{width}}  {count:>{numbers},}  "
        f"{share_text(count, profile.rows):>5}"
        for name, count in rows
    ]
