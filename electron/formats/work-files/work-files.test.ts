import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Extraction, type WorkLayer } from '../../../shared/domain/extraction';
import type { JsonValue } from '../../../shared/domain/json';
import {
  afterEffectsProject,
  animateFla,
  clipStudioFile,
  harmonyScene,
  kritaFile,
  layeredPsd,
  openRasterFile,
  openToonzScene,
  premiereProject,
  WORK_NAMES,
  workFileFixtures,
  xdtsFile,
  type WorkFileFixture,
} from '../../test-support/generate/work-files';
import { bufferSource } from '../byte-source';
import { runExtractors } from '../run';

const run = (f: WorkFileFixture): Promise<Extraction> =>
  runExtractors({ name: basename(f.name), path: f.name, size: f.bytes.byteLength, source: bufferSource(f.bytes) });

const asList = (v: JsonValue | undefined): JsonValue[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const tag = (x: Extraction, key: string): JsonValue | undefined => {
  const [group = '', name = ''] = key.split(':');
  return x.metadata[group]?.[name]?.value;
};
/** A layer tree reduced to names and children, top of the stack first. */
const names = (layers: readonly WorkLayer[] | undefined): unknown[] =>
  (layers ?? []).map((l) => (l.children ? { [l.name]: names(l.children) } : l.name));

describe('work-file fixtures', () => {
  for (const fixture of workFileFixtures()) {
    it(`reads ${fixture.name} exactly: lines, recorded paths, tags`, async () => {
      const x = await run(fixture);
      const { expected } = fixture;
      expect(x.extractors.filter((e) => e.error)).toEqual([]);
      expect(x.extractors.map((e) => e.name)).toContain(expected.extractor);
      expect(x.structure?.format).toBe(expected.format);
      expect(x.text?.split('\n')).toEqual(expected.lines);
      expect(asList(tag(x, 'RecordedPaths:Path'))).toEqual(expected.paths);
      for (const [key, value] of Object.entries(expected.tags)) expect(tag(x, key), key).toEqual(value);
      expect(x.warnings).toEqual([]);
      // What crosses to the renderer and into the case database is valid JSON-safe data.
      expect(Extraction.parse(JSON.parse(JSON.stringify(x)))).toEqual(x);
    });
  }
});

describe('Photoshop layers', () => {
  it.each([false, true])(
    'gives the layer tree with kinds, visibility, blend modes, text, fonts and the linked file (PSB: %s)',
    async (psb) => {
      const x = await run(layeredPsd(psb));
      expect(x.structure?.layers).toEqual([
        {
          name: 'bg link',
          kind: 'smart-object',
          visible: true,
          blendMode: 'Normal',
          opacity: 1,
          source: 'file:///D:/작업/invincible/ep3/bg_수정.png',
        },
        {
          name: WORK_NAMES.balloon,
          kind: 'text',
          visible: true,
          blendMode: 'Normal',
          opacity: 1,
          text: WORK_NAMES.textLayer,
          fonts: ['NanumGothic'],
        },
        {
          name: WORK_NAMES.invincible,
          kind: 'group',
          visible: true,
          blendMode: 'Pass Through',
          opacity: 1,
          children: [
            { name: WORK_NAMES.fix, kind: 'pixel', visible: false, blendMode: 'Normal', opacity: 1 },
            { name: WORK_NAMES.genga, kind: 'pixel', visible: true, blendMode: 'Multiply', opacity: expect.closeTo(0.5, 2) },
          ],
        },
        { name: WORK_NAMES.background, kind: 'pixel', visible: true, blendMode: 'Normal', opacity: 1 },
      ]);
      expect(x.structure?.paths?.[0]).toMatchObject({
        style: 'windows',
        drive: 'D:',
        folders: ['작업', 'invincible', 'ep3'],
        file: 'bg_수정.png',
      });
      // The image extractor's header tags stay as they were; the layer view adds to the same group.
      expect(tag(x, 'Photoshop:ImageWidth')).toBe(64);
      // Records as written: a group's own record says Normal; its pass-through mode sits in its section divider.
      expect(tag(x, 'Photoshop:LayerBlendModes')).toEqual(['Normal', 'Normal', 'Multiply', 'Normal', 'Normal', 'Normal', 'Normal']);
      expect(x.extractors.map((e) => e.name)).toEqual(['image', 'psd-layers']);
    },
  );
});

describe('timesheets and scenes', () => {
  it('lists XDTS exposures per track, with the paper marks for blank, hold and in-between', async () => {
    const sheet = (await run(xdtsFile())).structure?.timesheets?.[0];
    expect(sheet).toMatchObject({ name: WORK_NAMES.cut, frames: 72 });
    expect(sheet?.tracks).toEqual([
      {
        name: 'A',
        field: 'cell',
        cells: [
          { frame: 0, value: '1' },
          { frame: 6, value: '2' },
          { frame: 12, value: '|' },
          { frame: 72, value: '×' },
        ],
      },
      {
        name: WORK_NAMES.genga,
        field: 'cell',
        cells: [
          { frame: 0, value: '원화1' },
          { frame: 24, value: '○' },
        ],
      },
      { name: WORK_NAMES.fix, field: 'cell', cells: [{ frame: 12, value: '修改3' }] },
      { name: '인빈서블', field: 'dialog', cells: [{ frame: 24, value: WORK_NAMES.dialog }] },
      { name: '1', field: 'camerawork', cells: [{ frame: 0, value: 'PAN' }] },
    ]);
  });

  it('turns Harmony exposures (1-based frame ranges) into cells from 0', async () => {
    const sheet = (await run(harmonyScene())).structure?.timesheets?.[0];
    expect(sheet).toMatchObject({ name: WORK_NAMES.cut, frames: 72, frameRate: 24 });
    expect(sheet?.tracks).toEqual([
      {
        name: WORK_NAMES.genga,
        field: 'drawing',
        cells: [
          { frame: 0, value: '1' },
          { frame: 6, value: '2' },
          { frame: 12, value: `${WORK_NAMES.fix}1` },
        ],
      },
      { name: WORK_NAMES.background, field: 'drawing', cells: [{ frame: 0, value: 'bg01' }] },
    ]);
  });

  it('expands OpenToonz cell runs with an increment and names columns from their stage objects', async () => {
    const x = await run(openToonzScene());
    expect(x.structure?.timesheets?.[0]?.tracks).toEqual([
      {
        name: 'A',
        field: 'level',
        cells: [
          { frame: 0, value: '1' },
          { frame: 6, value: '2' },
          { frame: 7, value: '3' },
          { frame: 8, value: '4' },
        ],
      },
      { name: WORK_NAMES.background, field: 'level', cells: [{ frame: 0, value: '1' }] },
    ]);
    expect(x.structure?.items).toEqual([
      { kind: 'level', name: WORK_NAMES.genga, path: `+drawings/${WORK_NAMES.genga}.pli` },
      { kind: 'level', name: WORK_NAMES.fix, path: 'C:\\Users\\kim\\Documents\\인빈서블\\修改.tlv', detail: 's' },
    ]);
    expect(tag(x, 'RecordedPaths:User')).toBe('kim');
  });

  it('gives Animate scenes as layer trees (folders own their layers) and as timesheets of keyframes', async () => {
    const x = await run(animateFla());
    expect(names(x.structure?.layers)).toEqual([
      { [WORK_NAMES.cut]: [{ [WORK_NAMES.invincible]: [WORK_NAMES.genga] }, WORK_NAMES.balloon] },
    ]);
    expect(x.structure?.timesheets?.[0]).toEqual({
      name: WORK_NAMES.cut,
      frames: 24,
      frameRate: 24,
      tracks: [
        { name: WORK_NAMES.invincible, field: 'folder', cells: [] },
        {
          name: WORK_NAMES.genga,
          field: 'cell',
          cells: [
            { frame: 0, value: WORK_NAMES.genga },
            { frame: 6, value: WORK_NAMES.fix },
            { frame: 12, value: '×' },
          ],
        },
        { name: WORK_NAMES.balloon, field: 'cell', cells: [{ frame: 0, value: 'StaticText' }] },
      ],
    });
    expect(x.identity?.creatorTool).toBe('Adobe Animate 23.0');
  });
});

describe('projects', () => {
  it('lists After Effects folders, compositions (size, rate, duration) and footage with its imported path', async () => {
    const x = await run(afterEffectsProject());
    expect(x.structure?.items).toEqual([
      { kind: 'folder', name: WORK_NAMES.invincible },
      { kind: 'composition', name: WORK_NAMES.comp, parent: WORK_NAMES.invincible, detail: '1920×1080, 24 fps, 5 s' },
      { kind: 'footage', name: 'cut012_v2.png', path: 'D:\\작업\\invincible\\ep3\\원화\\cut012_v2.png', parent: WORK_NAMES.invincible },
    ]);
    expect(x.structure?.layers).toEqual([
      {
        name: WORK_NAMES.comp,
        kind: 'composition',
        children: [
          { name: WORK_NAMES.genga, kind: 'layer', source: 'cut012_v2.png' },
          { name: 'cut012_v2.png', kind: 'layer', source: 'cut012_v2.png' },
          { name: WORK_NAMES.fix, kind: 'layer' },
        ],
      },
    ]);
    expect(x.structure?.paths?.[1]).toMatchObject({
      style: 'mac',
      user: 'zhang',
      folders: ['Users', 'zhang', 'Desktop', '原画'],
      file: 'cut012_修改.psd',
    });
  });

  it('lists Premiere bins, clips, sequences and media, preferring the absolute path of a media item', async () => {
    const x = await run(premiereProject());
    expect(x.structure?.items).toEqual([
      { kind: 'bin', name: WORK_NAMES.bin },
      { kind: 'clip', name: `${WORK_NAMES.cut} 시퀀스` },
      { kind: 'sequence', name: WORK_NAMES.sequence },
      { kind: 'media', name: 'cut012.mov', path: 'D:\\작업\\invincible\\ep3\\cut012.mov' },
      { kind: 'media', name: '效果音 & BGM.wav', path: '/Users/zhang/Movies/效果音 & BGM.wav' },
      { kind: 'media', name: 'Black Video' },
    ]);
  });

  it('recognises a Premiere project by its content under any name', async () => {
    const renamed = await run({ ...premiereProject(), name: 'backup/project-copy.gz' });
    expect(renamed.extractors.map((e) => e.name)).toContain('premiere');
    expect(renamed.structure?.items).toHaveLength(6);
  });

  it('reads Krita document information as tags and local wall-clock timestamps', async () => {
    const x = await run(kritaFile());
    expect(x.timestamps).toEqual([
      { field: 'Krita:ModifyDate', value: '2024-03-15T14:22:05', hasOffset: false, label: 'Krita document information' },
      { field: 'Krita:CreateDate', value: '2024-03-01T09:00:00', hasOffset: false, label: 'Krita document information' },
    ]);
    expect(x.structure?.layers?.[1]).toEqual({
      name: WORK_NAMES.invincible,
      kind: 'group',
      visible: true,
      blendMode: 'Normal',
      opacity: 1,
      children: [
        { name: WORK_NAMES.genga, kind: 'pixel', visible: true, blendMode: 'Multiply', opacity: 128 / 255 },
        {
          name: WORK_NAMES.fix,
          kind: 'pixel',
          visible: false,
          blendMode: 'Normal',
          opacity: 1,
          children: [{ name: '투명 마스크', kind: 'mask', visible: true }],
        },
      ],
    });
  });

  it('unwraps the OpenRaster root stack', async () => {
    const x = await run(openRasterFile());
    expect(names(x.structure?.layers)).toEqual([{ [WORK_NAMES.invincible]: [WORK_NAMES.genga, WORK_NAMES.fix] }, WORK_NAMES.background]);
  });

  it('reads the Clip Studio layer tree from a private copy of its database and leaves no copy behind', async () => {
    const before = readdirSync(tmpdir()).filter((n) => n.startsWith('workbench-embedded-'));
    const x = await run(clipStudioFile());
    expect(names(x.structure?.layers)).toEqual([
      '레이아웃',
      { [WORK_NAMES.invincible]: [WORK_NAMES.balloon, WORK_NAMES.fix] },
      WORK_NAMES.genga,
      'Paper',
    ]);
    expect(x.structure?.layers?.[1]?.children?.[1]).toMatchObject({ visible: false });
    expect(readdirSync(tmpdir()).filter((n) => n.startsWith('workbench-embedded-'))).toEqual(before);
  });
});

describe('damaged work files', () => {
  for (const fixture of workFileFixtures()) {
    it(`turns damage to ${fixture.name} into warnings, never a failed extractor`, async () => {
      const { bytes } = fixture;
      const damaged = [1 / 3, 1 / 2, 0.9].map((f) => bytes.subarray(0, Math.floor(bytes.byteLength * f)));
      const scrambled = bytes.slice();
      for (let i = 64; i < scrambled.byteLength; i += 97) scrambled[i] = (scrambled[i]! * 31 + 7) & 0xff;
      for (const b of [...damaged, scrambled]) {
        const x = await run({ ...fixture, bytes: b });
        expect(
          x.extractors.filter((e) => e.error),
          `${fixture.name} (${b.byteLength} bytes)`,
        ).toEqual([]);
      }
    });
  }
});
