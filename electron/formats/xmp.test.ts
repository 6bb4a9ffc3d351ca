import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { XMP_HISTORY, XMP_IDS, xmpPacket } from '../test-support/generate/images';
import { exiftoolRecord, hasExiftool } from '../test-support/exiftool';
import { tempDir } from '../test-support/temp';
import { bufferSource } from './byte-source';
import type { ByteSource, ExtractInput } from './types';
import { parseXmpDate, parseXmpPacket, scanXmpPackets, xmpExtractor } from './xmp';

const packet = xmpPacket({
  title: '原画 제목',
  titleKo: '원화 제목',
  creators: ['张三', '김철수'],
  description: '说明 설명',
  subjects: ['原画', '원화'],
});
const enc = new TextEncoder();
const inputOf = (name: string, bytes: Uint8Array, source: ByteSource = bufferSource(bytes)): ExtractInput => ({
  name,
  path: name,
  size: source.size,
  source,
});

describe('parseXmpPacket', () => {
  const r = parseXmpPacket(packet);

  it('groups by namespace as ExifTool does, with ExifTool tag names', () => {
    expect(r.warnings).toEqual([]);
    expect(r.metadata['XMP-dc']).toMatchObject({
      Title: { value: '原画 제목' },
      'Title-ko-KR': { value: '원화 제목' },
      Creator: { value: ['张三', '김철수'] },
      Description: { value: '说明 설명' },
      Subject: { value: ['原画', '원화'] },
    });
    expect(r.metadata['XMP-xmp']?.CreatorTool).toEqual({ value: 'Adobe Photoshop CC 2019 (Windows)' });
    expect(r.metadata['XMP-xmp']?.CreateDate).toEqual({ value: '2024:03:15 14:22:05+09:00' });
    expect(r.metadata['XMP-x']?.XMPToolkit).toEqual({ value: 'Evidence Workbench fixture' });
  });

  it('flattens xmpMM structures (DerivedFrom, History) into ExifTool tags', () => {
    expect(r.metadata['XMP-xmpMM']).toMatchObject({
      DocumentID: { value: XMP_IDS.documentId },
      InstanceID: { value: XMP_IDS.instanceId },
      OriginalDocumentID: { value: XMP_IDS.originalDocumentId },
      DerivedFromDocumentID: { value: XMP_IDS.derivedDocumentId },
      DerivedFromInstanceID: { value: XMP_IDS.derivedInstanceId },
      HistoryAction: { value: ['created', 'saved'] },
      HistorySoftwareAgent: { value: XMP_HISTORY.map((h) => h.softwareAgent) },
      HistoryInstanceID: { value: XMP_HISTORY.map((h) => h.instanceId) },
    });
  });

  it('fills the document identity, history events aligned per event', () => {
    expect(r.identity).toEqual({
      creatorTool: 'Adobe Photoshop CC 2019 (Windows)',
      documentId: XMP_IDS.documentId,
      instanceId: XMP_IDS.instanceId,
      originalDocumentId: XMP_IDS.originalDocumentId,
      derivedFrom: { documentId: XMP_IDS.derivedDocumentId, instanceId: XMP_IDS.derivedInstanceId },
      history: [XMP_HISTORY[0], { ...XMP_HISTORY[1], changed: '/' }],
    });
  });

  it('dates keep their own offsets; dates without one stay local', () => {
    expect(r.timestamps).toContainEqual({
      field: 'XMP-xmp:CreateDate',
      value: '2024-03-15T14:22:05+09:00',
      hasOffset: true,
      utc: '2024-03-15T05:22:05.000Z',
    });
    expect(r.timestamps).toContainEqual({ field: 'XMP-xmp:ModifyDate', value: '2024-03-16T08:00:00', hasOffset: false });
    expect(r.timestamps.filter((t) => t.field === 'XMP-xmpMM:HistoryWhen').map((t) => t.value)).toEqual(XMP_HISTORY.map((h) => h.when));
  });

  it('maps document prefixes to ExifTool groups by namespace URI, and reads GPS and rationals as -n numbers', () => {
    const x = parseXmpPacket(`<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
      <rdf:Description rdf:about="" xmlns:MicrosoftPhoto="http://ns.microsoft.com/photo/1.0/" xmlns:e="http://ns.adobe.com/exif/1.0/"
        xmlns:aux="http://ns.adobe.com/exif/1.0/aux/" xmlns:crs="http://ns.adobe.com/camera-raw-settings/1.0/"
        MicrosoftPhoto:Rating="75" e:GPSLatitude="39,2.352N" e:GPSLongitude="125,45.75E" e:FNumber="28/10" e:PixelXDimension="1136"
        e:ApertureValue="95/32" e:ShutterSpeedValue="42/32" aux:LensInfo="15/1 85/1 0/0 0/0" crs:HasCrop="True"/>
    </rdf:RDF></x:xmpmeta>`);
    expect(x.metadata['XMP-microsoft']?.RatingPercent).toEqual({ value: '75' });
    expect(x.metadata['XMP-exif']?.GPSLatitude?.raw).toBeCloseTo(39.0392, 6);
    expect(x.metadata['XMP-exif']?.FNumber).toEqual({ value: '28/10', raw: 2.8 });
    expect(x.metadata['XMP-exif']?.ExifImageWidth).toEqual({ value: '1136' });
    expect(x.metadata['XMP-exif']?.ApertureValue?.raw).toBeCloseTo(2.797959, 5);
    expect(x.metadata['XMP-exif']?.ShutterSpeedValue?.raw).toBeCloseTo(0.402623, 5);
    expect(x.metadata['XMP-aux']?.LensInfo).toEqual({ value: '15/1 85/1 0/0 0/0', raw: '15 85 undef undef' });
    expect(x.metadata['XMP-crs']?.HasCrop).toEqual({ value: 'True', raw: true });
    expect(x.metadata.Composite?.GPSLongitude?.raw).toBeCloseTo(125.7625, 6);
    expect(x.metadata.Composite?.GPSLongitude?.value).toBe(`125 deg 45' 45.00" E`);
  });

  it('flattens structures with ExifTool names, and reads pre-2004 xapmeta packets', () => {
    const x =
      parseXmpPacket(`<x:xapmeta xmlns:x="adobe:ns:meta/" x:xaptk="XMP toolkit 2.8.2-33"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
      <rdf:Description about="uuid:1234" xmlns:Iptc4xmpCore="http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/" xmlns:plus="http://ns.useplus.org/ldf/xmp/1.0/">
        <Iptc4xmpCore:CreatorContactInfo Iptc4xmpCore:CiAdrCity="Pyongyang" Iptc4xmpCore:CiEmailWork="a@b.kp"/>
        <plus:CopyrightOwner><rdf:Seq><rdf:li plus:CopyrightOwnerName="Studio SEK" plus:CopyrightOwnerID="x1"/></rdf:Seq></plus:CopyrightOwner>
        <plus:CopyrightStatus rdf:resource="http://ns.useplus.org/ldf/vocab/CS-PRO"/>
      </rdf:Description></rdf:RDF></x:xapmeta>`);
    expect(x.metadata['XMP-x']?.XMPToolkit).toEqual({ value: 'XMP toolkit 2.8.2-33' });
    expect(x.metadata['XMP-rdf']?.About).toEqual({ value: 'uuid:1234' });
    expect(x.metadata['XMP-iptcCore']).toEqual({ CreatorCity: { value: 'Pyongyang' }, CreatorWorkEmail: { value: 'a@b.kp' } });
    expect(x.metadata['XMP-plus']).toEqual({
      CopyrightOwnerName: { value: ['Studio SEK'] },
      CopyrightOwnerID: { value: ['x1'] },
      CopyrightStatus: { value: 'CS-PRO' },
    });
  });

  it('returns a warning, not an exception, for broken XML or a packet without RDF', () => {
    expect(parseXmpPacket('<x:xmpmeta><rdf:RDF><unclosed').warnings.length).toBeGreaterThan(0);
    expect(parseXmpPacket('<x:xmpmeta xmlns:x="adobe:ns:meta/"/>').warnings).toEqual(['XMP: no rdf:RDF element']);
  });

  it('decodes character references but never the entities a DOCTYPE declares', () => {
    const rdf = (title: string): string =>
      `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" dc:format="&#x56FE;&#xC0AC;"><dc:title><rdf:Alt><rdf:li xml:lang="x-default">${title}</rdf:li></rdf:Alt></dc:title></rdf:Description></rdf:RDF></x:xmpmeta>`;
    const refs = parseXmpPacket(rdf('&#x539F;&#30011; &#54620;&#xAE00; &amp;'));
    expect(refs.warnings).toEqual([]);
    expect(refs.metadata['XMP-dc']).toEqual({ Format: { value: '图사' }, Title: { value: '原画 한글 &' } });
    const laughs = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "AAAAAAAAAA"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>${rdf('&b;')}`;
    const lol = parseXmpPacket(laughs);
    expect(lol.metadata['XMP-dc']?.Title).toEqual({ value: '&b;' });
    expect(lol.warnings).toEqual(['XMP: document type declaration ignored: its entities are not expanded']);
    const xxe = parseXmpPacket(`<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>${rdf('&e;')}`);
    expect(xxe.metadata).toEqual({});
    expect(xxe.warnings).toEqual([expect.stringMatching(/^XMP: not readable as XML \(.*[Ee]xternal entit/)]);
  });

  it('parseXmpDate converts to ExifTool style and ISO', () => {
    expect(parseXmpDate('2003-09-05T16:30+02:00')).toEqual({
      exiftool: '2003:09:05 16:30+02:00',
      entry: { value: '2003-09-05T16:30:00+02:00', hasOffset: true, utc: '2003-09-05T14:30:00.000Z' },
    });
    expect(parseXmpDate('2009-05-19')).toEqual({ exiftool: '2009:05:19', entry: { value: '2009-05-19', hasOffset: false } });
    expect(parseXmpDate('not a date')).toBeUndefined();
  });
});

describe('scanXmpPackets', () => {
  const around = (inner: Uint8Array): Uint8Array =>
    Uint8Array.from([...new Uint8Array(300).fill(7), ...inner, ...new Uint8Array(100).fill(9)]);

  it('finds a UTF-8 packet in arbitrary bytes', () => {
    const found = scanXmpPackets(around(enc.encode(packet)));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ offset: 300, encoding: 'utf-8' });
  });

  it('finds UTF-16 packets in either byte order (with and without the xpacket BOM)', () => {
    const le = Buffer.from(packet, 'utf16le');
    const be = Buffer.from(packet, 'utf16le').swap16();
    for (const [bytes, encoding] of [
      [le, 'utf-16le'],
      [be, 'utf-16be'],
    ] as const) {
      const found = scanXmpPackets(around(new Uint8Array(bytes)));
      expect(found).toHaveLength(1);
      expect(found[0]!.encoding).toBe(encoding);
      expect(parseXmpPacket(new TextDecoder(encoding).decode(found[0]!.bytes)).metadata['XMP-dc']?.Title?.value).toBe('原画 제목');
    }
    const noBom = packet.replace(/<\?xpacket[^>]*\?>/g, '');
    const found = scanXmpPackets(around(new Uint8Array(Buffer.from(noBom, 'utf16le'))));
    expect(found.map((p) => p.encoding)).toEqual(['utf-16le']);
  });

  it('falls back to a bare rdf:RDF (SVG metadata)', () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg"><metadata><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" dc:format="image/svg+xml"/></rdf:RDF></metadata></svg>`;
    const found = scanXmpPackets(enc.encode(svg));
    expect(parseXmpPacket(new TextDecoder().decode(found[0]!.bytes)).metadata['XMP-dc']?.Format).toEqual({ value: 'image/svg+xml' });
  });
});

describe('xmpExtractor', () => {
  it('reads the first packet of a non-image file and notes later (embedded) packets', async () => {
    const other = xmpPacket({ title: 'placed image', titleKo: '배치', creators: ['x'], description: 'd', subjects: ['s'] });
    const bytes = Uint8Array.from([
      ...enc.encode('%!PS-Adobe-3.0 EPSF-3.0\n'),
      ...new Uint8Array(5000),
      ...enc.encode(packet),
      ...new Uint8Array(10),
      ...enc.encode(other),
    ]);
    const input = inputOf('sheet.eps', bytes);
    expect(xmpExtractor.accepts(input, bytes.subarray(0, 4096))).toBe(true);
    const out = await xmpExtractor.extract(input);
    expect(out.metadata?.['XMP-dc']?.Title?.value).toBe('原画 제목');
    expect(out.identity?.documentId).toBe(XMP_IDS.documentId);
    expect(out.warnings?.join('\n')).toMatch(/1 further packet/);
  });

  it('merges every packet of an XML sidecar (first value wins)', async () => {
    const second = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:GDepth="http://ns.google.com/photos/1.0/depthmap/" GDepth:Format="RangeLinear"/></rdf:RDF></x:xmpmeta>`;
    const bytes = enc.encode(`${packet}\n${second}\n`);
    const out = await xmpExtractor.extract(inputOf('portrait.xml', bytes));
    expect(out.metadata?.['XMP-GDepth']?.Format).toEqual({ value: 'RangeLinear' });
    expect(out.metadata?.['XMP-dc']?.Title?.value).toBe('原画 제목');
    expect(out.warnings).toEqual([]);
  });

  it('leaves PDFs to the PDF extractor, which reads the catalog packet rather than embedded ones', () => {
    const pdf = Uint8Array.from([...enc.encode('%PDF-1.6\n'), ...enc.encode(packet)]);
    expect(xmpExtractor.accepts(inputOf('sheet.pdf', pdf), pdf)).toBe(false);
  });

  it('accepts sidecars and known XMP carriers, not plain text', () => {
    const sidecar = enc.encode(packet);
    expect(xmpExtractor.accepts(inputOf('IMG_0001.xmp', sidecar), sidecar)).toBe(true);
    const psdLike = enc.encode('gimp xcf v011' + ' '.repeat(40));
    expect(xmpExtractor.accepts(inputOf('art.xcf', psdLike), psdLike)).toBe(true);
    const text = enc.encode('hello world, nothing to see here');
    expect(xmpExtractor.accepts(inputOf('notes.txt', text), text)).toBe(false);
  });

  it('scans only the first and last 4 MiB of a large file', async () => {
    const size = 12 * 1024 * 1024;
    const reads: Array<[number, number]> = [];
    const tail = enc.encode(packet);
    const source: ByteSource = {
      size,
      async read(offset, length) {
        reads.push([offset, length]);
        const out = new Uint8Array(length);
        // One packet sits in the middle (never read), one at the very end.
        const tailAt = size - tail.length;
        if (offset <= tailAt && tailAt < offset + length) out.set(tail, tailAt - offset);
        return out;
      },
      async readAll() {
        throw new Error('must not read a 12 MiB file whole');
      },
    };
    const out = await xmpExtractor.extract(inputOf('movie.mov', new Uint8Array(), source));
    expect(reads).toEqual([
      [0, 4 * 1024 * 1024],
      [size - 4 * 1024 * 1024, 4 * 1024 * 1024],
    ]);
    expect(out.metadata?.['XMP-xmpMM']?.DocumentID?.value).toBe(XMP_IDS.documentId);
  });

  it('returns nothing (and does not throw) when there is no packet', async () => {
    const bytes = enc.encode('%PDF-1.4 no metadata here');
    expect(await xmpExtractor.extract(inputOf('a.pdf', bytes))).toEqual({});
  });
});

describe.skipIf(!hasExiftool)('parseXmpPacket agrees with ExifTool on a sidecar', () => {
  it('has the same groups, tag names and values for every tag ExifTool reports', () => {
    const { dir, cleanup } = tempDir('xmp-');
    try {
      const path = join(dir, 'sidecar.xmp');
      writeFileSync(path, packet);
      const ex = exiftoolRecord(path, ['-n']);
      const ours = parseXmpPacket(packet).metadata;
      const keys = Object.keys(ex).filter((k) => k.startsWith('XMP-'));
      expect(keys.length).toBeGreaterThan(15);
      for (const key of keys) {
        const [group, tag] = key.split(':') as [string, string];
        const mine = ours[group]?.[tag];
        expect(mine, key).toBeDefined();
        expect([mine!.raw ?? mine!.value].flat().map(String), key).toEqual([ex[key]].flat().map(String));
      }
    } finally {
      cleanup();
    }
  });
});
