import type { Timesheet, TimesheetTrack } from '../../../shared/domain/extraction';
import type { Extractor, ExtractorOutput } from '../types';
import { clip, WorkFileOutput } from './work-output';

/**
 * Digital timesheets: XDTS (`exchangeDigitalTimeSheet Save Data`, written by Clip Studio Paint and OpenToonz) and
 * TDTS (`toeiDigitalTimeSheet Save Data`, Toei's timesheet tool, which wraps the same time tables in `timeSheets`
 * with a sheet header). After the signature line comes JSON: the cut and scene numbers, then time tables whose
 * fields (cells, dialogue, camera work) hold tracks that list the frames where the exposure changes.
 */

const XDTS_SIGNATURE = 'exchangeDigitalTimeSheet Save Data';
const TDTS_SIGNATURE = 'toeiDigitalTimeSheet Save Data';
/** A timesheet of a long cut is tens of kilobytes; far past this it is not a timesheet. */
const MAX_BYTES = 32 * 1024 * 1024;

/** Field ids of the XDTS specification (Celsys, XDTS file format 1.0). */
const FIELDS: Record<number, string> = { 0: 'cell', 3: 'dialog', 5: 'camerawork' };
/** The marks a timesheet writes instead of a cell name, as drawn on paper. */
const SYMBOLS: Record<string, string> = { SYMBOL_NULL_CELL: '×', SYMBOL_HYPHEN: '|', SYMBOL_TICK_1: '○', SYMBOL_TICK_2: '●' };

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
const isRecord = (v: Json | undefined): v is { [key: string]: Json } => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: Json | undefined): Json[] => (Array.isArray(v) ? v : []);
const str = (v: Json | undefined): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);
const num = (v: Json | undefined): number | undefined =>
  typeof v === 'number' && Number.isFinite(v)
    ? v
    : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))
      ? Number(v)
      : undefined;

function signatureOf(head: Uint8Array): 'XDTS' | 'TDTS' | undefined {
  const start = new TextDecoder('utf-8').decode(head.subarray(0, 64)).replace(/^\uFEFF/, '');
  if (start.startsWith(XDTS_SIGNATURE)) return 'XDTS';
  if (start.startsWith(TDTS_SIGNATURE)) return 'TDTS';
  return undefined;
}

const tagName = (key: string): string => key.replace(/(^|[_\s-])(\w)/g, (_m, _s: string, c: string) => c.toUpperCase());

/** The header's scalar fields (cut, scene, episode, title, direction…) as tags and searchable lines. */
function header(out: WorkFileOutput, h: Json | undefined): void {
  if (!isRecord(h)) return;
  for (const [key, value] of Object.entries(h)) {
    const s = str(value);
    if (s === undefined) continue;
    out.tag(tagName(key), s);
    out.line(s);
  }
}

function cellValue(frame: Json): string | undefined {
  if (!isRecord(frame)) return undefined;
  const values = list(frame['data']).flatMap((d) => (isRecord(d) ? list(d['values']) : []));
  const text = values
    .map(str)
    .filter((v): v is string => v !== undefined)
    .map((v) => SYMBOLS[v] ?? v);
  return text.length > 0 ? text.join(' ') : undefined;
}

function timeTable(out: WorkFileOutput, table: Json, index: number, trackNames: Set<string>): Timesheet | undefined {
  if (!isRecord(table) || !out.admit()) return undefined;
  const name = str(table['name']) ?? `time table ${index + 1}`;
  out.line(str(table['name']));
  const operator = str(table['operatorName']) ?? str(table['opratorName']);
  out.line(operator);
  const headers = new Map<number, string[]>();
  for (const h of list(table['timeTableHeaders'])) {
    if (!isRecord(h)) continue;
    const id = num(h['fieldId']);
    if (id !== undefined)
      headers.set(
        id,
        list(h['names']).map((n) => str(n) ?? ''),
      );
  }
  const tracks: TimesheetTrack[] = [];
  for (const field of list(table['fields'])) {
    if (!isRecord(field)) continue;
    const fieldId = num(field['fieldId']) ?? -1;
    const fieldName = FIELDS[fieldId] ?? `field ${fieldId}`;
    for (const track of list(field['tracks'])) {
      if (!isRecord(track) || !out.admit()) continue;
      const trackNo = num(track['trackNo']) ?? tracks.length;
      const trackName = headers.get(fieldId)?.[trackNo] || `${fieldName} ${trackNo + 1}`;
      if (fieldId === 0) trackNames.add(trackName);
      out.line(trackName);
      const cells: TimesheetTrack['cells'] = [];
      for (const frame of list(track['frames'])) {
        const at = isRecord(frame) ? num(frame['frame']) : undefined;
        const value = cellValue(frame);
        if (at === undefined || at < 0 || value === undefined || !out.admitCell()) continue;
        cells.push({ frame: Math.floor(at), value: clip(value) });
        // Dialogue is text; in a cell track only a name (not a bare drawing number) says something.
        if (fieldId === 3 || !/^[\d\s×|○●]*$/.test(value)) out.line(value);
      }
      cells.sort((a, b) => a.frame - b.frame);
      tracks.push({ name: clip(trackName), field: fieldName, cells });
    }
  }
  const duration = num(table['duration']);
  const frameRate = num(table['frameRate']);
  return {
    name: clip(name),
    ...(duration !== undefined && duration >= 0 ? { frames: Math.floor(duration) } : {}),
    ...(frameRate !== undefined && frameRate > 0 ? { frameRate } : {}),
    tracks,
  };
}

export const timesheetExtractor: Extractor = {
  name: 'timesheet',
  version: 1,
  accepts: (_input, head) => signatureOf(head) !== undefined,
  async extract(input): Promise<ExtractorOutput> {
    const bytes = await input.source.readAll(MAX_BYTES);
    const kind = signatureOf(bytes) ?? 'XDTS';
    const out = new WorkFileOutput(kind, kind);
    if (input.size > MAX_BYTES) out.warnings.push(`${kind}: ${input.size} bytes; only the first ${MAX_BYTES} were read`);
    const text = new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
    const newline = text.indexOf('\n');
    let doc: Json;
    try {
      doc = JSON.parse(
        newline < 0 ? text.slice(kind === 'XDTS' ? XDTS_SIGNATURE.length : TDTS_SIGNATURE.length) : text.slice(newline + 1),
      ) as Json;
    } catch (e) {
      out.warnings.push(`${kind}: the time sheet is not readable JSON (${e instanceof Error ? e.message : String(e)})`);
      return out.finish();
    }
    if (!isRecord(doc)) {
      out.warnings.push(`${kind}: the time sheet is not a JSON object`);
      return out.finish();
    }
    out.tag('Version', num(doc['version']));
    const sheets = kind === 'TDTS' && Array.isArray(doc['timeSheets']) ? list(doc['timeSheets']).filter(isRecord) : [doc];
    const trackNames = new Set<string>();
    for (const sheet of sheets) {
      header(out, sheet['header']);
      list(sheet['timeTables']).forEach((table, i) => {
        const read = timeTable(out, table, i, trackNames);
        if (read) out.timesheets.push(read);
      });
    }
    out.listTag(
      'TimeTableNames',
      out.timesheets.map((t) => t.name ?? ''),
    );
    const first = out.timesheets[0];
    if (first?.frames !== undefined) out.tag('Duration', first.frames);
    out.listTag('TrackNames', [...trackNames]);
    out.tag(
      'CellCount',
      out.timesheets.reduce((n, t) => n + t.tracks.reduce((m, tr) => m + tr.cells.length, 0), 0),
    );
    return out.finish();
  },
};
