/**
 * Which task is selected after the list changed (seen 2: the selection is a task, not a
 * position). The chosen task stays selected wherever it moved; when it left the list (decided),
 * the task that followed it in the previous order and is still there is selected, else the one
 * before it, else the first.
 */
export function nextSelection(previous: readonly string[], current: readonly string[], chosen: string | null): string | null {
  if (current.length === 0) return null;
  if (chosen && current.includes(chosen)) return chosen;
  if (chosen) {
    const at = previous.indexOf(chosen);
    if (at >= 0) {
      const still = new Set(current);
      const after = previous.slice(at + 1).find((id) => still.has(id));
      if (after) return after;
      const before = previous.slice(0, at).reverse().find((id) => still.has(id));
      if (before) return before;
    }
  }
  return current[0]!;
}
