interface Props {
  path: string;
  className?: string;
  testId?: string;
}

/**
 * A path that, when too long, loses its beginning rather than its end (the file or folder name matters most).
 * The outer box is right-to-left only to move the ellipsis; the isolated inner run keeps the text itself in order.
 */
export function PathText({ path, className, testId }: Props) {
  return (
    <span className={`path-start mono${className ? ` ${className}` : ''}`} title={path} data-testid={testId}>
      <bdi dir="ltr">{path}</bdi>
    </span>
  );
}
