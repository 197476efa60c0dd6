/**
 * Presence colours. A person's colour is derived from their name so that it is
 * the same in every tab and for every collaborator without coordination.
 */
export const PRESENCE_COLORS = [
  '#2563eb',
  '#db2777',
  '#059669',
  '#d97706',
  '#7c3aed',
  '#dc2626',
  '#0891b2',
  '#65a30d',
  '#c026d3',
  '#4f46e5',
] as const;

export function colorForName(name: string): string {
  let hash = 2166136261;
  for (let i = 0; i < name.length; i++) {
    hash ^= name.charCodeAt(i);
    hash = Math.imul(hash, 16777619);
  }
  return PRESENCE_COLORS[(hash >>> 0) % PRESENCE_COLORS.length];
}

/**
 * Colours for people shown side by side (the authors of a compare), no two
 * alike while the palette lasts: a name's own colour when it is free,
 * otherwise the next free one. Ten colours for any number of names means two
 * names often hash alike, and a compare coloured by author must not show two
 * people's changes in one colour. Assigned in name order, so the same set of
 * people gets the same colours every time.
 */
export function distinctColors(
  people: readonly { id: string; name: string }[],
): Map<string, string> {
  const out = new Map<string, string>();
  const used = new Set<string>();
  const ordered = [...people].sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1,
  );
  for (const { id, name } of ordered) {
    if (out.has(id)) continue;
    const own = colorForName(name);
    const start = PRESENCE_COLORS.indexOf(own as (typeof PRESENCE_COLORS)[number]);
    let color = own;
    for (let k = 0; k < PRESENCE_COLORS.length; k++) {
      const candidate = PRESENCE_COLORS[(start + k) % PRESENCE_COLORS.length];
      if (!used.has(candidate)) {
        color = candidate;
        break;
      }
    }
    used.add(color);
    out.set(id, color);
  }
  return out;
}

export function initialsOf(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return '?';
  const first = parts[0][0] ?? '';
  const last = parts.length > 1 ? (parts[parts.length - 1][0] ?? '') : '';
  return (first + last).toUpperCase();
}
