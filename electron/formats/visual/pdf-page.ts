import { createRequire } from 'node:module';
import type * as NapiCanvas from '@napi-rs/canvas';
import type { PageInfo, PageTextItem } from '../../../shared/domain/preview';
import { errorName, loadPdfjs, openDocument, PDF_STEP_TIMEOUT_MS, withTimeout, type PdfDocument, type PdfPage } from '../pdf';

type Canvas = typeof NapiCanvas;
let canvasModule: Canvas | Error | undefined;

/**
 * @napi-rs/canvas (an N-API prebuilt, also pdf.js's own optional dependency) is loaded through require at run time, as
 * pdf.js does, so the bundler never tries to inline a native module; a missing binary means PDFs have no picture.
 */
export function loadCanvas(): Canvas | Error {
  if (canvasModule === undefined) {
    try {
      canvasModule = createRequire(import.meta.url)('@napi-rs/canvas') as Canvas;
    } catch (e) {
      canvasModule = e instanceof Error ? e : new Error(String(e));
    }
  }
  return canvasModule;
}

/** Families covering Chinese, Japanese and Korean (Noto CJK has all three), in order of preference. */
const CJK_FAMILIES = [
  'Noto Sans CJK SC',
  'Noto Sans CJK JP',
  'Noto Sans CJK KR',
  'Noto Serif CJK SC',
  'Source Han Sans SC',
  'Droid Sans Fallback',
  'NanumGothic',
  'WenQuanYi Micro Hei',
  'Microsoft YaHei',
  'Malgun Gothic',
  'PingFang SC',
  'Apple SD Gothic Neo',
  'Hiragino Sans',
];

/**
 * Fonts a PDF names but does not embed (common in CJK office output) are drawn with canvas text in the named family
 * or a generic one; skia falls back glyph by glyph only through the families listed, so without this every CJK
 * character of such a PDF would be an empty box. The installed CJK families are appended to whatever pdf.js sets.
 */
function addCjkFallback(context: NapiCanvas.SKRSContext2D, canvas: Canvas): void {
  const installed = new Set(canvas.GlobalFonts.families.map((f) => f.family));
  const fallback = CJK_FAMILIES.filter((f) => installed.has(f))
    .map((f) => `"${f}"`)
    .join(', ');
  const font = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(context), 'font');
  const { get, set } = font ?? {};
  if (!fallback || !get || !set) return;
  Object.defineProperty(context, 'font', {
    configurable: true,
    get: (): string => String(get.call(context)),
    set: (value: string) => set.call(context, `${value}, ${fallback}`),
  });
}

export interface PageRenderOptions {
  /** The page is scaled to fit both limits (pixels). */
  maxWidth: number;
  maxHeight: number;
  /** Pixels per PDF point at most (300 dpi = 300 / 72): a small page is not blown up past the resolution asked for. */
  maxScale?: number;
  stepTimeoutMs?: number;
  /** Also read the page's text runs (for the viewer's text layer); the perceptual hash does not need them. */
  withText?: boolean;
}

export type RenderedPage =
  | { png: Buffer; width: number; height: number; info: PageInfo }
  | { reason: string }
  /** The document has fewer pages than asked for. */
  | { pageCount: number };

/** Text runs kept per page for the viewer's text layer; a denser page keeps its first ones. */
const MAX_TEXT_ITEMS = 4000;

/** Text runs of a page in PDF points from its top-left corner (the coordinates regions are stored in). */
async function pageTextItems(page: PdfPage, pageHeight: number, stepTimeoutMs: number): Promise<PageTextItem[]> {
  const content = await withTimeout(page.getTextContent(), stepTimeoutMs, 'reading the page text');
  const items: PageTextItem[] = [];
  for (const item of content.items) {
    if (!('str' in item) || !item.str.trim() || items.length >= MAX_TEXT_ITEMS) continue;
    const [, , c = 0, d = 0, e = 0, f = 0] = item.transform as number[];
    const height = Math.max(1, item.height || Math.hypot(c, d));
    items.push({ text: item.str, x: e, y: pageHeight - f - height, width: Math.max(1, item.width), height });
  }
  return items;
}

/**
 * One page of a PDF as a PNG, scaled to fit the limits, with the page's size in points (and its text runs when
 * asked): the picture the preview and the viewer show and the perceptual hash is taken from. pdf.js runs without
 * eval, system fonts or font-face loading; each step has a time limit. A PDF that cannot be opened or drawn gives
 * the reason instead of a picture.
 */
export async function renderPdfPage(bytes: Uint8Array, pageNumber: number, options: PageRenderOptions): Promise<RenderedPage> {
  const canvas = loadCanvas();
  if (canvas instanceof Error) return { reason: `rendering PDF pages needs @napi-rs/canvas, which could not be loaded: ${canvas.message}` };
  const stepTimeoutMs = options.stepTimeoutMs ?? PDF_STEP_TIMEOUT_MS;
  const pdfjs = await loadPdfjs();
  let doc: PdfDocument;
  try {
    doc = await openDocument(pdfjs, bytes, stepTimeoutMs);
  } catch (e) {
    if (errorName(e) === 'PasswordException') return { reason: 'the PDF is password-protected' };
    return { reason: `the PDF could not be opened: ${e instanceof Error ? e.message : String(e)}` };
  }
  try {
    if (pageNumber > doc.numPages) return { pageCount: doc.numPages };
    const page = await withTimeout(doc.getPage(pageNumber), stepTimeoutMs, `opening page ${pageNumber}`);
    const base = page.getViewport({ scale: 1 });
    const scale = Math.min(options.maxWidth / base.width, options.maxHeight / base.height, options.maxScale ?? Number.POSITIVE_INFINITY);
    const viewport = page.getViewport({ scale });
    const width = Math.max(1, Math.floor(viewport.width));
    const height = Math.max(1, Math.floor(viewport.height));
    const target = canvas.createCanvas(width, height);
    addCjkFallback(target.getContext('2d'), canvas);
    // pdf.js types its canvas as the DOM's; in Node it draws on @napi-rs/canvas, which implements the same 2D API.
    const task = page.render({ canvas: target as unknown as Parameters<PdfPage['render']>[0]['canvas'], viewport });
    try {
      await withTimeout(task.promise, stepTimeoutMs, `rendering page ${pageNumber}`);
    } catch (e) {
      task.cancel();
      throw e;
    }
    const textItems = options.withText ? await pageTextItems(page, base.height, stepTimeoutMs) : [];
    const info: PageInfo = {
      page: pageNumber,
      pageCount: doc.numPages,
      pageWidth: base.width,
      pageHeight: base.height,
      ...(textItems.length > 0 ? { textItems } : {}),
    };
    return { png: await target.encode('png'), width, height, info };
  } catch (e) {
    return { reason: `page ${pageNumber} could not be rendered: ${e instanceof Error ? e.message : String(e)}` };
  } finally {
    await doc.destroy();
  }
}
