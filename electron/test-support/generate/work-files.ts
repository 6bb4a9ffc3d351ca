import { DatabaseSync } from '@photostructure/sqlite';
import { LayerCompCapturedInfo, writePsdUint8Array, type Psd } from 'ag-psd';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { concatBytes, u16be, u32be, u64be } from './bytes';
import type { FixtureItem } from './fixture-set';
import { plainJpeg, pngWithChunks } from './images';
import { writeZip } from './zips';

/**
 * Animation and illustration work files built in code, with the names, cells and recorded paths a correct reader
 * must report exactly: PSD/PSB through ag-psd's writer, Clip Studio around an SQLite database made here, Krita,
 * OpenRaster and Animate packages as zips, timesheets as JSON, Harmony and OpenToonz scenes as XML, After Effects
 * as hand-built RIFX and Premiere as gzip. Layer names are Chinese and Korean as a studio's would be, and the
 * recorded paths are Windows and macOS paths with Korean and Chinese folders.
 */

/** Names a studio's files carry, used across the fixtures. */
export const WORK_NAMES = {
  fix: '修改',
  genga: '원화_v2',
  invincible: '인빈서블',
  dialog: '인빈서블! 조심해',
  background: '배경',
  balloon: '대사',
  textLayer: '인빈서블 원화 수정',
  cut: '컷012',
  comp: '컷012_合成',
  sequence: '인빈서블 EP3',
  bin: '원화 빈',
} as const;

/** Paths recorded inside the fixtures (never opened by any reader). */
export const WORK_PATHS = {
  windowsKorean: 'D:\\작업\\invincible\\ep3\\bg_수정.png',
  macChinese: '/Users/zhang/Desktop/原画/cut012_修改.psd',
  windowsUser: 'C:\\Users\\kim\\Documents\\인빈서블\\효과음.wav',
  render: 'D:/작업/invincible/ep3/render/cut012',
} as const;

/** What a reader must find in a work-file fixture. */
export interface WorkFileExpectation {
  /** The extractor that must accept it. */
  extractor: string;
  /** `structure.format`. */
  format: string;
  /** The searchable text, line by line, exactly. */
  lines: string[];
  /** `RecordedPaths:Path`, in order. */
  paths: string[];
  /** Tags that must hold exactly these values (`Group:Tag` → value). */
  tags: Record<string, string | number | (string | number)[]>;
}

export type WorkFileFixture = FixtureItem<WorkFileExpectation>;

/** Where each fixture says its linked or imported file is; tests point it at a trap (a FIFO) to prove nothing follows it. */
export interface LinkedFileOptions {
  linked?: string;
}

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const xmlEscape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

// ---------------------------------------------------------------------------------------------------------------
// Photoshop

const LINK_ID = '20953ddb-9391-11ec-b4f1-c15674f50bc4';

/** A layered PSD (or PSB) written by ag-psd: groups, a hidden layer, a text layer, a linked smart object, comps, guides, a thumbnail. */
export function layeredPsd(psb = false, options: LinkedFileOptions = {}): WorkFileFixture {
  const linked = options.linked ?? WORK_PATHS.windowsKorean;
  const fullPath = linked.startsWith('/') ? `file://${linked}` : `file:///${linked.replace(/\\/g, '/')}`;
  const psd: Psd = {
    width: 64,
    height: 48,
    imageResources: {
      resolutionInfo: {
        horizontalResolution: 300,
        horizontalResolutionUnit: 'PPI',
        widthUnit: 'Inches',
        verticalResolution: 300,
        verticalResolutionUnit: 'PPI',
        heightUnit: 'Inches',
      },
      layerComps: {
        list: [
          {
            id: 1,
            name: '원화 컷',
            comment: '修改 후',
            capturedInfo: LayerCompCapturedInfo.Visibility | LayerCompCapturedInfo.Position | LayerCompCapturedInfo.Appearance,
          },
        ],
        lastApplied: 1,
      },
      gridAndGuidesInformation: {
        grid: { horizontal: 576, vertical: 576 },
        guides: [
          { location: 32, direction: 'vertical' },
          { location: 24, direction: 'horizontal' },
        ],
      },
      thumbnailRaw: { width: 32, height: 24, data: plainJpeg(32, 24) },
    },
    linkedFiles: [
      {
        id: LINK_ID,
        name: 'bg_수정.psd',
        type: '8BPS',
        time: '2024-03-15T05:22:05.000Z',
        childDocumentID: '',
        linkedFile: { fileSize: 1234, name: 'bg_수정.psd', fullPath, originalPath: '', relativePath: '../bg_수정.psd' },
      },
    ],
    children: [
      { name: WORK_NAMES.background },
      {
        name: WORK_NAMES.invincible,
        opened: true,
        children: [
          { name: WORK_NAMES.genga, blendMode: 'multiply', opacity: 0.5 },
          { name: WORK_NAMES.fix, hidden: true },
        ],
      },
      { name: WORK_NAMES.balloon, text: { text: WORK_NAMES.textLayer, style: { font: { name: 'NanumGothic' }, fontSize: 12 } } },
      {
        name: 'bg link',
        placedLayer: {
          id: LINK_ID,
          placed: '20953ddb-9391-11ec-b4f1-c15674f50bc5',
          type: 'raster',
          transform: [0, 0, 64, 0, 64, 48, 0, 48],
          width: 64,
          height: 48,
        },
      },
    ],
  };
  return {
    name: psb ? 'work/cut012.psb' : 'work/cut012.psd',
    bytes: writePsdUint8Array(psd, { psb }),
    expected: {
      extractor: 'psd-layers',
      format: 'Photoshop',
      // The Layers panel's order (top first), then the text layer's text, comps, and the linked file's path.
      lines: [
        'bg link',
        WORK_NAMES.balloon,
        WORK_NAMES.textLayer,
        WORK_NAMES.invincible,
        WORK_NAMES.fix,
        WORK_NAMES.genga,
        WORK_NAMES.background,
        '원화 컷',
        '修改 후',
        'bg_수정.psd',
        fullPath,
        '../bg_수정.psd',
      ],
      paths: [fullPath, '../bg_수정.psd'],
      tags: {
        'Photoshop:LayerCount': 7,
        // File order, bottom of the stack first, with the record that closes the group, as ExifTool lists them.
        'Photoshop:LayerUnicodeNames': [
          WORK_NAMES.background,
          '</Layer group>',
          WORK_NAMES.genga,
          WORK_NAMES.fix,
          WORK_NAMES.invincible,
          WORK_NAMES.balloon,
          'bg link',
        ],
        'Photoshop:LayerVisible': ['Yes', 'Yes', 'Yes', 'No', 'Yes', 'Yes', 'Yes'],
        'Photoshop:TextLayerText': WORK_NAMES.textLayer,
        'Photoshop:TextLayerFonts': 'NanumGothic',
        'Photoshop:LayerComps': '원화 컷',
        'Photoshop:Guides': ['vertical 32 px', 'horizontal 24 px'],
        'Photoshop:XResolution': 300,
        'Photoshop:SmartObjectFiles': 'bg_수정.psd',
      },
    },
  };
}

/**
 * A PSB whose one layer claims `pixelBytes` of channel data, served without holding it: the layer record, then a
 * stretch of zeros generated on read. Proves the layer reader walks the structure and never reads the pixels.
 */
export function hugePsb(pixelBytes: number): { size: number; read: (offset: number, length: number) => Uint8Array; records: Uint8Array } {
  const name = WORK_NAMES.genga;
  const luniData = concatBytes([u32be(name.length), ...[...name].map((c) => u16be(c.charCodeAt(0)))]);
  const luni = concatBytes([utf8('8BIMluni'), u32be(luniData.byteLength), luniData]);
  const pascal = concatBytes([Uint8Array.of(6), utf8('genga2'), new Uint8Array(1)]);
  const extra = concatBytes([u32be(0), u32be(0), pascal, luni]);
  const channels = [0, 1, 2].map((id) => concatBytes([u16be(id), u64be(id === 0 ? pixelBytes : 2)]));
  const record = concatBytes([
    u32be(0),
    u32be(0),
    u32be(48),
    u32be(64),
    u16be(3),
    ...channels,
    utf8('8BIMnorm'),
    Uint8Array.of(255, 0, 0, 0),
    u32be(extra.byteLength),
    extra,
  ]);
  const layerInfoBody = concatBytes([u16be(1), record]);
  const channelData = pixelBytes + 4;
  const layerInfoLength = layerInfoBody.byteLength + channelData;
  const head = concatBytes([
    utf8('8BPS'),
    u16be(2),
    new Uint8Array(6),
    u16be(3),
    u32be(48),
    u32be(64),
    u16be(8),
    u16be(3),
    u32be(0),
    u32be(0),
    u64be(8 + layerInfoLength + 4),
    u64be(layerInfoLength),
    layerInfoBody,
  ]);
  const tail = concatBytes([u32be(0), u16be(0)]);
  const size = head.byteLength + channelData + tail.byteLength;
  const read = (offset: number, length: number): Uint8Array => {
    const end = Math.min(size, offset + length);
    const out = new Uint8Array(Math.max(0, end - offset));
    for (let i = offset; i < end && i < head.byteLength; i++) out[i - offset] = head[i]!;
    const tailAt = head.byteLength + channelData;
    for (let i = Math.max(offset, tailAt); i < end; i++) out[i - offset] = tail[i - tailAt]!;
    return out;
  };
  return { size, read, records: record };
}

// ---------------------------------------------------------------------------------------------------------------
// Clip Studio Paint

/** An SQLite database as Clip Studio lays it out (the tables and columns the reader uses), in WAL mode. */
function clipDatabase(): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'workbench-fixture-'));
  try {
    const file = join(dir, 'clip.sqlite');
    const db = new DatabaseSync(file);
    db.exec('PRAGMA journal_mode = WAL');
    db.exec(`CREATE TABLE Project(_PW_ID INTEGER PRIMARY KEY AUTOINCREMENT, ProjectInternalVersion TEXT, ProjectName TEXT);
      CREATE TABLE Canvas(_PW_ID INTEGER PRIMARY KEY AUTOINCREMENT, MainId INTEGER, CanvasUnit INTEGER, CanvasWidth REAL, CanvasHeight REAL,
        CanvasResolution REAL, CanvasChannelBytes INTEGER, CanvasRootFolder INTEGER);
      CREATE TABLE Layer(_PW_ID INTEGER PRIMARY KEY AUTOINCREMENT, MainId INTEGER, CanvasId INTEGER, LayerName TEXT, LayerType INTEGER,
        LayerVisibility INTEGER, LayerOpacity INTEGER, LayerComposite INTEGER, LayerFolder INTEGER, LayerNextIndex INTEGER,
        LayerFirstChildIndex INTEGER, TextLayerString BLOB);
      CREATE TABLE CanvasPreview(_PW_ID INTEGER PRIMARY KEY AUTOINCREMENT, MainId INTEGER, CanvasId INTEGER, ImageType INTEGER,
        ImageWidth INTEGER, ImageHeight INTEGER, ImageData BLOB);`);
    db.prepare('INSERT INTO Project(ProjectInternalVersion, ProjectName) VALUES (?, ?)').run('1.1.0', WORK_NAMES.cut);
    db.prepare(
      'INSERT INTO Canvas(MainId, CanvasUnit, CanvasWidth, CanvasHeight, CanvasResolution, CanvasChannelBytes, CanvasRootFolder) VALUES (1, 0, 1920, 1080, 350, 1, 2)',
    ).run();
    const layer = db.prepare(
      'INSERT INTO Layer(MainId, CanvasId, LayerName, LayerType, LayerVisibility, LayerOpacity, LayerComposite, LayerFolder, LayerNextIndex, LayerFirstChildIndex, TextLayerString) VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    // Root folder 2; its children, bottom first: Paper (3) → 원화_v2 (4) → 인빈서블 folder (5: 修改 6 → 대사 7) → 레이아웃 (8).
    layer.run(2, '', 256, 1, 256, 0, 1, 0, 3, null);
    layer.run(3, 'Paper', 1584, 1, 256, 0, 0, 4, 0, null);
    layer.run(4, WORK_NAMES.genga, 1, 1, 128, 2, 0, 5, 0, null);
    layer.run(5, WORK_NAMES.invincible, 0, 1, 256, 0, 1, 8, 6, null);
    layer.run(6, WORK_NAMES.fix, 1, 0, 256, 0, 0, 7, 0, null);
    layer.run(7, WORK_NAMES.balloon, 0, 1, 256, 0, 0, 0, 0, utf8(`${WORK_NAMES.dialog}\r\n`));
    layer.run(8, '레이아웃', 1, 3, 256, 0, 0, 0, 0, null);
    db.prepare(
      'INSERT INTO CanvasPreview(MainId, CanvasId, ImageType, ImageWidth, ImageHeight, ImageData) VALUES (1, 1, 1, 48, 27, ?)',
    ).run(pngWithChunks([], 48, 27));
    // Into the main file, which keeps its WAL-mode header: the reader must cope with that header.
    db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    db.close();
    return new Uint8Array(readFileSync(file));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const clipChunk = (kind: string, data: Uint8Array): Uint8Array => concatBytes([utf8(`CHNK${kind}`), u64be(data.byteLength), data]);

/** A `.clip`: CSFCHUNK header, head, two external (pixel) chunks, the SQLite chunk, foot. */
export function clipStudioFile(): WorkFileFixture {
  const chunks = concatBytes([
    clipChunk('Head', new Uint8Array(40)),
    clipChunk('Exta', concatBytes([u64be(40), utf8('extrnlid'.padEnd(40, '0')), u64be(16), new Uint8Array(16)])),
    clipChunk('Exta', concatBytes([u64be(40), utf8('extrnlid'.padEnd(40, '1')), u64be(16), new Uint8Array(16)])),
    clipChunk('SQLi', clipDatabase()),
    clipChunk('Foot', new Uint8Array(0)),
  ]);
  return {
    name: 'work/cut012.clip',
    bytes: concatBytes([utf8('CSFCHUNK'), u64be(24 + chunks.byteLength), u64be(24), chunks]),
    expected: {
      extractor: 'clip-studio',
      format: 'Clip Studio Paint',
      lines: ['레이아웃', WORK_NAMES.invincible, WORK_NAMES.balloon, WORK_NAMES.dialog, WORK_NAMES.fix, WORK_NAMES.genga, 'Paper'],
      paths: [],
      tags: {
        'ClipStudio:CanvasWidth': 1920,
        'ClipStudio:CanvasHeight': 1080,
        'ClipStudio:CanvasResolution': 350,
        'ClipStudio:ProjectInternalVersion': '1.1.0',
        'ClipStudio:ExternalChunks': 2,
        'ClipStudio:PreviewImageSize': '48x27',
        'ClipStudio:LayerNames': ['Paper', WORK_NAMES.genga, WORK_NAMES.invincible, WORK_NAMES.fix, WORK_NAMES.balloon, '레이아웃'],
        'ClipStudio:TextLayerText': `${WORK_NAMES.dialog}\n`,
      },
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Krita and OpenRaster

const KRITA_DOCTYPE = `<!DOCTYPE DOC PUBLIC '-//KDE//DTD krita 2.0//EN' 'http://www.calligra.org/DTD/krita-2.0.dtd'>`;

/** A Krita document: a group with a paint layer and a hidden one, a file layer linking an outside image, a vector layer with a mask; its document info. */
export function kritaFile(options: LinkedFileOptions = {}): WorkFileFixture {
  const linked = options.linked ?? WORK_PATHS.windowsKorean;
  const maindoc = `<?xml version="1.0" encoding="UTF-8"?>
${KRITA_DOCTYPE}
<DOC xmlns="http://www.calligra.org/DTD/krita" syntaxVersion="2.0" kritaVersion="5.2.2" editor="Krita">
 <IMAGE width="1920" height="1080" name="${WORK_NAMES.cut}" x-res="300" y-res="300" colorspacename="RGBA" profile="sRGB-elle-V2-srgbtrc.icc" mime="application/x-kra" description="">
  <layers>
   <layer name="${WORK_NAMES.balloon}" nodetype="shapelayer" visible="1" opacity="255" compositeop="normal" filename="layer4"/>
   <layer name="${WORK_NAMES.invincible}" nodetype="grouplayer" visible="1" opacity="255" compositeop="normal" filename="layer1">
    <layers>
     <layer name="${WORK_NAMES.genga}" nodetype="paintlayer" visible="1" opacity="128" compositeop="multiply" filename="layer2"/>
     <layer name="${WORK_NAMES.fix}" nodetype="paintlayer" visible="0" opacity="255" compositeop="normal" filename="layer3">
      <masks>
       <mask name="투명 마스크" nodetype="transparencymask" visible="1" filename="mask1"/>
      </masks>
     </layer>
    </layers>
   </layer>
   <layer name="${WORK_NAMES.background}" nodetype="filelayer" visible="1" opacity="255" compositeop="normal" source="${xmlEscape(linked)}" scale="false"/>
  </layers>
  <animation><framerate type="value" value="24"/><range type="timerange" from="0" to="71"/></animation>
 </IMAGE>
</DOC>
`;
  const documentInfo = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE document-info PUBLIC '-//KDE//DTD document-info 1.1//EN' 'http://www.calligra.org/DTD/document-info-1.1.dtd'>
<document-info xmlns="http://www.calligra.org/DTD/document-info">
 <about>
  <title>인빈서블 3화 원화</title>
  <description>修改 지시 반영</description>
  <initial-creator>김철수</initial-creator>
  <editing-cycles>7</editing-cycles>
  <editing-time>3600</editing-time>
  <date>2024-03-15T14:22:05</date>
  <creation-date>2024-03-01T09:00:00</creation-date>
 </about>
 <author>
  <full-name>김철수</full-name>
  <company>평양 애니메이션</company>
  <contact type="email">kim@example.org</contact>
 </author>
</document-info>
`;
  const bytes = writeZip([
    { name: 'mimetype', data: utf8('application/x-krita'), method: 'store' },
    { name: 'maindoc.xml', data: utf8(maindoc) },
    { name: 'documentinfo.xml', data: utf8(documentInfo) },
    { name: 'preview.png', data: pngWithChunks([], 32, 18) },
    { name: 'mergedimage.png', data: pngWithChunks([], 64, 36) },
    { name: `${WORK_NAMES.cut}/layers/layer2`, data: new Uint8Array(64) },
  ]);
  return {
    name: 'work/cut012.kra',
    bytes,
    expected: {
      extractor: 'krita',
      format: 'Krita',
      lines: [
        WORK_NAMES.cut,
        WORK_NAMES.balloon,
        WORK_NAMES.invincible,
        WORK_NAMES.genga,
        WORK_NAMES.fix,
        '투명 마스크',
        WORK_NAMES.background,
        '인빈서블 3화 원화',
        '修改 지시 반영',
        '김철수',
        '평양 애니메이션',
        'kim@example.org',
        linked,
      ],
      paths: [linked],
      tags: {
        'Krita:KritaVersion': '5.2.2',
        'Krita:ImageWidth': 1920,
        'Krita:LayerCount': 6,
        'Krita:LayerNames': [
          WORK_NAMES.balloon,
          WORK_NAMES.invincible,
          WORK_NAMES.genga,
          WORK_NAMES.fix,
          '투명 마스크',
          WORK_NAMES.background,
        ],
        'Krita:Title': '인빈서블 3화 원화',
        'Krita:InitialCreator': '김철수',
        'Krita:AuthorFullName': '김철수',
        'Krita:CreateDate': '2024-03-01T09:00:00',
        'Krita:EditingTime': 3600,
        'Krita:FrameRate': 24,
      },
    },
  };
}

/** An OpenRaster file: nested stacks with Chinese and Korean names, a hidden layer, a thumbnail. */
export function openRasterFile(): WorkFileFixture {
  const stack = `<?xml version='1.0' encoding='UTF-8'?>
<image w="640" h="360" version="0.0.5" xres="72" yres="72">
 <stack>
  <stack name="${WORK_NAMES.invincible}" opacity="1.0" visibility="visible" composite-op="svg:src-over">
   <layer name="${WORK_NAMES.genga}" src="data/layer0.png" opacity="0.5" visibility="visible" composite-op="svg:multiply" x="0" y="0"/>
   <layer name="${WORK_NAMES.fix}" src="data/layer1.png" opacity="1.0" visibility="hidden" x="0" y="0"/>
  </stack>
  <layer name="${WORK_NAMES.background}" src="data/layer2.png" opacity="1.0" visibility="visible" x="0" y="0"/>
 </stack>
</image>
`;
  const bytes = writeZip([
    { name: 'mimetype', data: utf8('image/openraster'), method: 'store' },
    { name: 'stack.xml', data: utf8(stack) },
    { name: 'data/layer0.png', data: pngWithChunks([], 8, 8) },
    { name: 'Thumbnails/thumbnail.png', data: pngWithChunks([], 40, 22) },
    { name: 'mergedimage.png', data: pngWithChunks([], 64, 36) },
  ]);
  return {
    name: 'work/cut012.ora',
    bytes,
    expected: {
      extractor: 'openraster',
      format: 'OpenRaster',
      lines: [WORK_NAMES.invincible, WORK_NAMES.genga, WORK_NAMES.fix, WORK_NAMES.background],
      paths: [],
      tags: {
        'OpenRaster:ImageWidth': 640,
        'OpenRaster:ImageHeight': 360,
        'OpenRaster:LayerNames': [WORK_NAMES.invincible, WORK_NAMES.genga, WORK_NAMES.fix, WORK_NAMES.background],
      },
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Animate

const XMP_THUMBNAIL = plainJpeg(40, 30);

function animateXmp(): string {
  return `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:xmpGImg="http://ns.adobe.com/xap/1.0/g/img/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<xmp:CreatorTool>Adobe Animate 23.0</xmp:CreatorTool>
<xmp:CreateDate>2024-03-15T14:22:05+09:00</xmp:CreateDate>
<xmp:Thumbnails><rdf:Alt><rdf:li rdf:parseType="Resource"><xmpGImg:width>40</xmpGImg:width><xmpGImg:height>30</xmpGImg:height><xmpGImg:format>JPEG</xmpGImg:format><xmpGImg:image>${Buffer.from(XMP_THUMBNAIL).toString('base64')}</xmpGImg:image></rdf:li></rdf:Alt></xmp:Thumbnails>
<dc:format>application/vnd.adobe.fla</dc:format>
</rdf:Description></rdf:RDF></x:xmpmeta>
<?xpacket end="w"?>`;
}

function domDocument(linked: string): string {
  return `<DOMDocument xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://ns.adobe.com/xfl/2008/" width="1920" height="1080" frameRate="24" currentTimeline="1" xflVersion="22.02" creatorInfo="Adobe Animate" platform="Windows" versionInfo="Saved by Animate Windows 23.0 build 74" majorVersion="23">
  <folders>
    <DOMFolderItem name="${WORK_NAMES.invincible}" itemID="1"/>
  </folders>
  <media>
    <DOMBitmapItem name="${WORK_NAMES.invincible}/bg_수정.png" itemID="2" sourceExternalFilepath="${xmlEscape(linked)}" href="bg_수정.png" bitmapDataHRef="M 1 1.dat"/>
    <DOMSoundItem name="효과음.wav" itemID="3" sourceExternalFilepath="${xmlEscape(WORK_PATHS.windowsUser)}" href="효과음.wav" soundDataHRef="M 2 2.dat"/>
    <DOMFontItem name="Font 1" itemID="4" font="NanumGothic" size="0" embeddedCharacters="인빈서블"/>
  </media>
  <symbols>
    <Include href="${WORK_NAMES.genga}.xml" itemIcon="1"/>
  </symbols>
  <timelines>
    <DOMTimeline name="${WORK_NAMES.cut}">
      <layers>
        <DOMLayer name="${WORK_NAMES.invincible}" layerType="folder"/>
        <DOMLayer name="${WORK_NAMES.genga}" parentLayerIndex="0">
          <frames>
            <DOMFrame index="0" duration="6" keyMode="9728"><elements><DOMSymbolInstance libraryItemName="${WORK_NAMES.genga}"/></elements></DOMFrame>
            <DOMFrame index="6" duration="6" name="${WORK_NAMES.fix}" keyMode="9728"><elements/></DOMFrame>
            <DOMFrame index="12" duration="12" keyMode="9728"><elements/></DOMFrame>
          </frames>
        </DOMLayer>
        <DOMLayer name="${WORK_NAMES.balloon}" visible="false">
          <frames>
            <DOMFrame index="0" duration="24"><elements><DOMStaticText><textRuns><DOMTextRun><characters>${WORK_NAMES.dialog}</characters><textAttrs><DOMTextAttrs face="NanumGothic"/></textAttrs></DOMTextRun></textRuns></DOMStaticText></elements></DOMFrame>
          </frames>
        </DOMLayer>
      </layers>
    </DOMTimeline>
  </timelines>
</DOMDocument>
`;
}

const ANIMATE_LINES = (linked: string): string[] => [
  WORK_NAMES.invincible,
  `${WORK_NAMES.invincible}/bg_수정.png`,
  '효과음.wav',
  'Font 1',
  WORK_NAMES.genga,
  WORK_NAMES.cut,
  WORK_NAMES.fix,
  WORK_NAMES.balloon,
  WORK_NAMES.dialog,
  'NanumGothic',
  linked,
  WORK_PATHS.windowsUser,
];

/** An Animate `.fla`: XFL in a zip with its library, publish settings and XMP (with a thumbnail). */
export function animateFla(options: LinkedFileOptions = {}): WorkFileFixture {
  const linked = options.linked ?? WORK_PATHS.windowsKorean;
  const symbol = `<DOMSymbolItem xmlns="http://ns.adobe.com/xfl/2008/" name="${WORK_NAMES.genga}" itemID="5" symbolType="graphic">
  <timeline><DOMTimeline name="${WORK_NAMES.genga}"><layers><DOMLayer name="선화"/></layers></DOMTimeline></timeline>
</DOMSymbolItem>`;
  const publish = `<flash_profiles><flash_profile version="1.0" name="Default" current="true">
  <PublishFormatProperties enabled="true"><flash>1</flash><flashFileName>${xmlEscape(WORK_PATHS.render)}.swf</flashFileName></PublishFormatProperties>
</flash_profile></flash_profiles>`;
  const bytes = writeZip([
    { name: 'mimetype', data: utf8('application/vnd.adobe.xfl'), method: 'store' },
    { name: 'DOMDocument.xml', data: utf8(domDocument(linked)) },
    { name: `LIBRARY/${WORK_NAMES.genga}.xml`, data: utf8(symbol) },
    { name: 'META-INF/metadata.xml', data: utf8(animateXmp()) },
    { name: 'PublishSettings.xml', data: utf8(publish) },
    { name: 'bin/M 1 1.dat', data: new Uint8Array(32) },
  ]);
  return {
    name: 'work/cut012.fla',
    bytes,
    expected: {
      extractor: 'xfl',
      format: 'Animate',
      lines: [...ANIMATE_LINES(linked).slice(0, -2), '선화', linked, WORK_PATHS.windowsUser, `${WORK_PATHS.render}.swf`],
      paths: [linked, WORK_PATHS.windowsUser, `${WORK_PATHS.render}.swf`],
      tags: {
        'Animate:Width': 1920,
        'Animate:FrameRate': 24,
        'Animate:VersionInfo': 'Saved by Animate Windows 23.0 build 74',
        'Animate:Scenes': WORK_NAMES.cut,
        'Animate:Fonts': 'NanumGothic',
        'XMP-xmp:CreatorTool': 'Adobe Animate 23.0',
      },
    },
  };
}

/** The same document as a bare XFL `DOMDocument.xml`. */
export function xflDocument(options: LinkedFileOptions = {}): WorkFileFixture {
  const linked = options.linked ?? WORK_PATHS.windowsKorean;
  return {
    name: 'work/xfl/DOMDocument.xml',
    bytes: utf8(`<?xml version="1.0" encoding="UTF-8"?>\n${domDocument(linked)}`),
    expected: {
      extractor: 'xfl',
      format: 'Animate',
      lines: ANIMATE_LINES(linked),
      paths: [linked, WORK_PATHS.windowsUser],
      tags: { 'Animate:Height': 1080 },
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Timesheets

function timeTable(name: string): object {
  return {
    name,
    duration: 72,
    operatorName: '김철수',
    timeTableHeaders: [
      { fieldId: 0, names: ['A', WORK_NAMES.genga, WORK_NAMES.fix] },
      { fieldId: 3, names: ['인빈서블'] },
      { fieldId: 5, names: ['1'] },
    ],
    fields: [
      {
        fieldId: 0,
        tracks: [
          {
            trackNo: 0,
            frames: [
              { frame: 0, data: [{ id: 0, values: ['1'] }] },
              { frame: 6, data: [{ id: 0, values: ['2'] }] },
              { frame: 12, data: [{ id: 0, values: ['SYMBOL_HYPHEN'] }] },
              { frame: 72, data: [{ id: 0, values: ['SYMBOL_NULL_CELL'] }] },
            ],
          },
          {
            trackNo: 1,
            frames: [
              { frame: 0, data: [{ id: 0, values: ['원화1'] }] },
              { frame: 24, data: [{ id: 0, values: ['SYMBOL_TICK_1'] }] },
            ],
          },
          { trackNo: 2, frames: [{ frame: 12, data: [{ id: 0, values: ['修改3'] }] }] },
        ],
      },
      { fieldId: 3, tracks: [{ trackNo: 0, frames: [{ frame: 24, data: [{ id: 0, values: [WORK_NAMES.dialog] }] }] }] },
      { fieldId: 5, tracks: [{ trackNo: 0, frames: [{ frame: 0, data: [{ id: 0, values: ['PAN'] }] }] }] },
    ],
  };
}

const TIMESHEET_LINES = [
  WORK_NAMES.cut,
  '김철수',
  'A',
  WORK_NAMES.genga,
  '원화1',
  WORK_NAMES.fix,
  '修改3',
  '인빈서블',
  WORK_NAMES.dialog,
  '1',
  'PAN',
];

/** An XDTS timesheet (Clip Studio / OpenToonz exchange format). */
export function xdtsFile(): WorkFileFixture {
  const json = { header: { cut: '12', scene: '3' }, timeTables: [timeTable(WORK_NAMES.cut)], version: 5 };
  return {
    name: 'work/cut012.xdts',
    bytes: utf8(`exchangeDigitalTimeSheet Save Data\n${JSON.stringify(json, null, 2)}\n`),
    expected: {
      extractor: 'timesheet',
      format: 'XDTS',
      lines: ['12', '3', ...TIMESHEET_LINES],
      paths: [],
      tags: {
        'XDTS:Cut': '12',
        'XDTS:Scene': '3',
        'XDTS:Version': 5,
        'XDTS:Duration': 72,
        'XDTS:TimeTableNames': WORK_NAMES.cut,
        'XDTS:TrackNames': ['A', WORK_NAMES.genga, WORK_NAMES.fix],
        'XDTS:CellCount': 9,
      },
    },
  };
}

/** A TDTS timesheet (Toei's tool): the same table wrapped in a sheet with a header. */
export function tdtsFile(): WorkFileFixture {
  const json = {
    timeSheets: [
      {
        header: { cut: '12', scene: '3', episode: '3', title: WORK_NAMES.invincible, direction: '修改 반영' },
        timeTables: [timeTable(WORK_NAMES.cut)],
      },
    ],
    version: 11,
  };
  return {
    name: 'work/cut012.tdts',
    bytes: utf8(`toeiDigitalTimeSheet Save Data\r\n${JSON.stringify(json)}`),
    expected: {
      extractor: 'timesheet',
      format: 'TDTS',
      // The dialogue track is named like the title, which is already a line.
      lines: ['12', '3', WORK_NAMES.invincible, '修改 반영', ...TIMESHEET_LINES.filter((l) => l !== WORK_NAMES.invincible)],
      paths: [],
      tags: { 'TDTS:Title': WORK_NAMES.invincible, 'TDTS:Episode': '3', 'TDTS:Direction': '修改 반영', 'TDTS:CellCount': 9 },
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Harmony and OpenToonz

/** A Toon Boom Harmony scene: an element with drawings, exposures in two columns, a render output, a linked folder. */
export function harmonyScene(options: LinkedFileOptions = {}): WorkFileFixture {
  const linked = options.linked ?? '/Users/zhang/原画/elements';
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<project source="Harmony Premium (HarmonyPremium) version 21.0.3 build 18334 2022-04-14 02:31:36" version="2103" build="18334" creator="harmony">
 <elements>
  <element id="1" elementName="${WORK_NAMES.genga}" elementFolder="${WORK_NAMES.genga}" rootFolder="elements">
   <drawings><dwg name="1" id="1"/><dwg name="2" id="2"/><dwg name="${WORK_NAMES.fix}1" id="3"/></drawings>
  </element>
  <element id="2" elementName="${WORK_NAMES.background}" elementFolder="bg" rootFolder="${xmlEscape(linked)}"/>
 </elements>
 <options>
  <resolution name="HDTV_1080p24" size="1920,1080"/>
  <framerate val="24"/>
 </options>
 <scenes>
  <scene name="${WORK_NAMES.cut}" id="0b0e5000b1861eda" nbframes="72" startFrame="1" stopFrame="72">
   <columns>
    <column type="0" name="${WORK_NAMES.genga}" id="1">
     <elementSeq exposures="1-6" val="1" id="1"/>
     <elementSeq exposures="7-12" val="2" id="1"/>
     <elementSeq exposures="13-72" val="${WORK_NAMES.fix}1" id="1"/>
    </column>
    <column type="0" name="${WORK_NAMES.background}" id="2">
     <elementSeq exposures="1-72" val="bg01" id="2"/>
    </column>
   </columns>
   <rootgroup name="Top">
    <nodeslist>
     <module type="READ" name="${WORK_NAMES.genga}" pos="0,0,1"/>
     <module type="WRITE" name="Write" pos="0,50,2">
      <attrs>
       <drawingName val="${xmlEscape(WORK_PATHS.render)}/final-"/>
       <moviePath val="frames/output"/>
      </attrs>
     </module>
    </nodeslist>
   </rootgroup>
  </scene>
 </scenes>
</project>
`;
  return {
    name: 'work/cut012.xstage',
    bytes: utf8(xml),
    expected: {
      extractor: 'harmony',
      format: 'Harmony',
      lines: [
        WORK_NAMES.genga,
        '1',
        '2',
        `${WORK_NAMES.fix}1`,
        WORK_NAMES.background,
        WORK_NAMES.cut,
        'bg01',
        'Write',
        linked,
        `${WORK_PATHS.render}/final-`,
        'frames/output',
      ],
      paths: [linked, `${WORK_PATHS.render}/final-`, 'frames/output'],
      tags: {
        'Harmony:Source': 'Harmony Premium (HarmonyPremium) version 21.0.3 build 18334 2022-04-14 02:31:36',
        'Harmony:FrameRate': 24,
        'Harmony:Elements': [WORK_NAMES.genga, WORK_NAMES.background],
        'Harmony:Scenes': WORK_NAMES.cut,
        'Harmony:Columns': [WORK_NAMES.genga, WORK_NAMES.background],
      },
    },
  };
}

/** An OpenToonz scene: two levels (one project-relative, one absolute), two columns of cells, an output path. */
export function openToonzScene(options: LinkedFileOptions = {}): WorkFileFixture {
  const linked = options.linked ?? 'C:\\Users\\kim\\Documents\\인빈서블\\修改.tlv';
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<tnz version="71.1" framecount="24">
  <generator>OpenToonz 1.7.1</generator>
  <properties>
    <cameras><camera><cameraSize>16 9</cameraSize><cameraRes>1920 1080</cameraRes></camera></cameras>
    <outputs><output name="main"><path>"${xmlEscape(WORK_PATHS.render)}.tif"</path><frameRate>24</frameRate></output></outputs>
  </properties>
  <levelSet>
    <levels>
      <level id='1'>"${WORK_NAMES.genga}"<info dpiType="image"/><path>"+drawings/${WORK_NAMES.genga}.pli"</path></level>
      <level id='2'>"${WORK_NAMES.fix}"<info dpiType="image" type="s"/><path>"${xmlEscape(linked)}"</path></level>
    </levels>
  </levelSet>
  <xsheet>
    <columns>
      <levelColumn id='3'><cells><cell>0 6<level id='1'/>1 0</cell><cell>6 3<level id='1'/>2 1</cell></cells></levelColumn>
      <levelColumn id='4'><cells><cell>0 24<level id='2'/>1 0</cell></cells></levelColumn>
    </columns>
    <pegbars><pegbar id="Col1"><name>A</name></pegbar><pegbar id="Col2"><name>"${WORK_NAMES.background}"</name></pegbar></pegbars>
  </xsheet>
</tnz>
`;
  return {
    name: 'work/cut012.tnz',
    bytes: utf8(xml),
    expected: {
      extractor: 'opentoonz',
      format: 'OpenToonz',
      lines: [
        WORK_NAMES.genga,
        WORK_NAMES.fix,
        'A',
        WORK_NAMES.background,
        `${WORK_PATHS.render}.tif`,
        `+drawings/${WORK_NAMES.genga}.pli`,
        linked,
      ],
      paths: [`${WORK_PATHS.render}.tif`, `+drawings/${WORK_NAMES.genga}.pli`, linked],
      tags: {
        'OpenToonz:Version': '71.1',
        'OpenToonz:FrameCount': 24,
        'OpenToonz:Generator': 'OpenToonz 1.7.1',
        'OpenToonz:CameraResolution': '1920 1080',
        'OpenToonz:Levels': [WORK_NAMES.genga, WORK_NAMES.fix],
        'OpenToonz:Columns': ['A', WORK_NAMES.background],
        'OpenToonz:SceneName': 'cut012',
      },
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// After Effects and Premiere

const riff = (id: string, data: Uint8Array): Uint8Array =>
  concatBytes([utf8(id), u32be(data.byteLength), data, data.byteLength % 2 ? new Uint8Array(1) : new Uint8Array(0)]);
const list = (type: string, ...children: Uint8Array[]): Uint8Array => riff('LIST', concatBytes([utf8(type), ...children]));
const utf8Chunk = (s: string): Uint8Array => riff('Utf8', utf8(s));

function idta(type: number, id: number): Uint8Array {
  const out = new Uint8Array(84);
  const v = new DataView(out.buffer);
  v.setUint16(0, type);
  v.setUint32(16, id);
  return riff('idta', out);
}

function cdta(width: number, height: number, fps: number, seconds: number): Uint8Array {
  const out = new Uint8Array(204);
  const v = new DataView(out.buffer);
  v.setUint32(4, 1);
  v.setUint32(8, fps);
  v.setUint32(44, seconds * fps);
  v.setUint32(48, fps);
  v.setUint16(140, width);
  v.setUint16(142, height);
  v.setUint16(156, fps);
  return riff('cdta', out);
}

function layer(name: string, source: number): Uint8Array {
  const ldta = new Uint8Array(160);
  new DataView(ldta.buffer).setUint32(40, source);
  return list('Layr', riff('ldta', ldta), utf8Chunk(name));
}

/** An After Effects project built chunk by chunk: a folder holding a composition with two layers and a footage item. */
export function afterEffectsProject(options: LinkedFileOptions = {}): WorkFileFixture {
  const linked = options.linked ?? 'D:\\작업\\invincible\\ep3\\원화\\cut012_v2.png';
  const nhed = new Uint8Array(32);
  nhed[15] = 1;
  const footage = list(
    'Item',
    idta(7, 10),
    utf8Chunk(''),
    list(
      'Pin ',
      riff('sspc', new Uint8Array(64)),
      utf8Chunk(''),
      list('Als2', riff('alas', utf8(JSON.stringify({ fullpath: linked, target_is_folder: false })))),
    ),
  );
  const comp = list(
    'Item',
    idta(4, 11),
    utf8Chunk(WORK_NAMES.comp),
    cdta(1920, 1080, 24, 5),
    layer(WORK_NAMES.genga, 10),
    layer('', 10),
    layer(WORK_NAMES.fix, 0),
  );
  const folder = list('Item', idta(1, 12), utf8Chunk(WORK_NAMES.invincible), list('Sfdr', comp, footage));
  const body = concatBytes([
    utf8('Egg!'),
    riff('nhed', nhed),
    list('ExEn', utf8Chunk('javascript-1.0')),
    list('Fold', riff('fdta', new Uint8Array(14)), folder),
    list('Misc', utf8Chunk(WORK_PATHS.macChinese)),
  ]);
  return {
    name: 'work/cut012.aep',
    bytes: concatBytes([utf8('RIFX'), u32be(body.byteLength), body]),
    expected: {
      extractor: 'after-effects',
      format: 'After Effects',
      lines: [WORK_NAMES.invincible, WORK_NAMES.comp, WORK_NAMES.genga, WORK_NAMES.fix, 'cut012_v2.png', linked, WORK_PATHS.macChinese],
      paths: [linked, WORK_PATHS.macChinese],
      tags: {
        'AfterEffects:BitsPerChannel': 16,
        'AfterEffects:ExpressionEngine': 'javascript-1.0',
        'AfterEffects:CompositionNames': WORK_NAMES.comp,
        'AfterEffects:FootageNames': 'cut012_v2.png',
        'AfterEffects:FolderNames': WORK_NAMES.invincible,
        'AfterEffects:LayerCount': 3,
      },
    },
  };
}

/** A Premiere Pro project: gzip XML with a bin, a clip, a sequence and two media files. */
export function premiereProject(options: LinkedFileOptions = {}): WorkFileFixture {
  const linked = options.linked ?? 'D:\\작업\\invincible\\ep3\\cut012.mov';
  const xml = `<?xml version="1.0" encoding="UTF-8" ?>
<PremiereData Version="3">
  <Project ObjectRef="1"/>
  <RootProjectItem ObjectUID="r"><ProjectItem Version="1"><Name>Root Bin</Name></ProjectItem></RootProjectItem>
  <BinProjectItem ObjectUID="b"><ProjectItem Version="1"><Node Version="1"><Properties Version="1"><Name>not this</Name></Properties></Node><Name>${WORK_NAMES.bin}</Name></ProjectItem></BinProjectItem>
  <ClipProjectItem ObjectUID="c"><ProjectItem Version="1"><Name>${WORK_NAMES.cut} 시퀀스</Name></ProjectItem><MasterClip ObjectURef="m"/></ClipProjectItem>
  <Sequence ObjectUID="s"><Node Version="1"><Properties Version="1"><MZ.Sequence.PreviewFrameSizeWidth>1920</MZ.Sequence.PreviewFrameSizeWidth></Properties></Node><Name>${WORK_NAMES.sequence}</Name></Sequence>
  <Media ObjectUID="m1"><RelativePath>../작업/cut012.mov</RelativePath><FilePath>${xmlEscape(linked)}</FilePath><Title>cut012.mov</Title><ActualMediaFilePath>${xmlEscape(linked)}</ActualMediaFilePath></Media>
  <Media ObjectUID="m2"><FilePath>/Users/zhang/Movies/效果音 &amp; BGM.wav</FilePath></Media>
  <Media ObjectUID="m3"><FilePath>1112293707</FilePath><Title>Black Video</Title></Media>
</PremiereData>
`;
  return {
    name: 'work/cut012.prproj',
    bytes: new Uint8Array(gzipSync(utf8(xml))),
    expected: {
      extractor: 'premiere',
      format: 'Premiere Pro',
      lines: [
        WORK_NAMES.bin,
        `${WORK_NAMES.cut} 시퀀스`,
        WORK_NAMES.sequence,
        'cut012.mov',
        '效果音 & BGM.wav',
        'Black Video',
        '../작업/cut012.mov',
        linked,
        '/Users/zhang/Movies/效果音 & BGM.wav',
      ],
      paths: ['../작업/cut012.mov', linked, '/Users/zhang/Movies/效果音 & BGM.wav'],
      tags: {
        'Premiere:SequenceCount': 1,
        'Premiere:SequenceNames': WORK_NAMES.sequence,
        'Premiere:BinNames': WORK_NAMES.bin,
        'Premiere:MediaNames': ['cut012.mov', '效果音 & BGM.wav', 'Black Video'],
      },
    },
  };
}

/** Every work-file fixture, with their recorded paths pointing at `linked` when given. */
export function workFileFixtures(options: LinkedFileOptions = {}): WorkFileFixture[] {
  return [
    layeredPsd(false, options),
    layeredPsd(true, options),
    clipStudioFile(),
    kritaFile(options),
    openRasterFile(),
    animateFla(options),
    xflDocument(options),
    xdtsFile(),
    tdtsFile(),
    harmonyScene(options),
    openToonzScene(options),
    afterEffectsProject(options),
    premiereProject(options),
  ];
}

/** The JPEG Animate keeps as its XMP thumbnail in the `.fla` fixture. */
export const ANIMATE_THUMBNAIL = XMP_THUMBNAIL;
