interface Props {
  name: string;
  color: string;
  onRemove?: () => void;
}

/** Black or white text, whichever reads better on the label's colour (WCAG relative luminance). */
function textOn(hex: string): string {
  const channel = (i: number): number => {
    const c = parseInt(hex.slice(1 + i * 2, 3 + i * 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
  return luminance > 0.4 ? '#1b1f26' : '#ffffff';
}

export function LabelChip({ name, color, onRemove }: Props) {
  return (
    <span className="label-chip" style={{ background: color, color: textOn(color) }} data-testid="label-chip" data-label={name}>
      <span className="label-chip__name">{name}</span>
      {onRemove ? (
        <button type="button" className="label-chip__remove" onClick={onRemove} aria-label={`Take the label ${name} off`}>
          ×
        </button>
      ) : null}
    </span>
  );
}
