import type { StoredOcrPage } from '../../../shared/domain/visual';

interface Props {
  page: StoredOcrPage;
}

/**
 * The words OCR read, boxed over the picture. Boxes are stored in the pixels of the picture read (the image, or the
 * PDF page drawn at 300 dpi), so they are placed by percentages of that size and fit the preview at any scale.
 */
export function OcrOverlay({ page }: Props) {
  if (page.width === 0 || page.height === 0) return null;
  const words = page.lines.flatMap((l) => l.words);
  return (
    <div className="ocr-overlay" data-testid="ocr-overlay" aria-hidden="true">
      {words.map((w, i) => (
        <div
          key={i}
          className="ocr-overlay__word"
          title={`${w.text} (${Math.round(w.confidence)} %)`}
          style={{
            left: `${(w.box.x / page.width) * 100}%`,
            top: `${(w.box.y / page.height) * 100}%`,
            width: `${(w.box.width / page.width) * 100}%`,
            height: `${(w.box.height / page.height) * 100}%`,
          }}
          data-testid="ocr-word"
        >
          <span className="ocr-overlay__text">{w.text}</span>
        </div>
      ))}
    </div>
  );
}
