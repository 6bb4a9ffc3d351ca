import type { JsonValue } from '../../shared/domain/json';
import type { MetadataGroups, MetaValue } from '../../shared/domain/extraction';

/** One line of text for a metadata value: strings as is, lists joined, objects as compact JSON. */
export function metaValueText(value: JsonValue | undefined): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((v) => v === null || typeof v !== 'object')) return value.map((v) => String(v)).join(', ');
  return JSON.stringify(value);
}

/** Number of tags over all groups. */
export const countTags = (groups: MetadataGroups): number => Object.values(groups).reduce((n, g) => n + Object.keys(g).length, 0);

export interface MetaRow {
  tag: string;
  text: string;
  rawText: string | null;
  value: MetaValue;
}

export interface MetaGroupView {
  group: string;
  rows: MetaRow[];
  total: number;
}

/**
 * Groups in their recorded order with rows whose group, tag or value contains the needle (case-insensitive).
 * Groups with no matching row are dropped; `total` keeps the unfiltered size.
 */
export function filterMetadata(groups: MetadataGroups, needle: string): MetaGroupView[] {
  const q = needle.trim().toLowerCase();
  const out: MetaGroupView[] = [];
  for (const [group, tags] of Object.entries(groups)) {
    const all = Object.entries(tags).map(([tag, value]): MetaRow => {
      const text = metaValueText(value.value);
      const rawText = value.raw !== undefined ? metaValueText(value.raw) : null;
      return { tag, text, rawText: rawText !== null && rawText !== text ? rawText : null, value };
    });
    const groupMatches = q !== '' && group.toLowerCase().includes(q);
    const rows =
      q === '' || groupMatches
        ? all
        : all.filter(
            (r) => r.tag.toLowerCase().includes(q) || r.text.toLowerCase().includes(q) || (r.rawText ?? '').toLowerCase().includes(q),
          );
    if (rows.length > 0) out.push({ group, rows, total: all.length });
  }
  return out;
}
