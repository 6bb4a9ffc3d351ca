interface Props {
  isStarred: boolean;
  onToggle: () => void;
  size?: 'small' | 'normal';
}

export function StarButton({ isStarred, onToggle, size = 'normal' }: Props) {
  return (
    <button
      type="button"
      className={`star star--${size}${isStarred ? ' star--on' : ''}`}
      aria-pressed={isStarred}
      aria-label={isStarred ? 'Starred' : 'Star'}
      title={isStarred ? 'Starred (s to unstar)' : 'Star (s)'}
      onClick={onToggle}
      data-testid="star-toggle"
    >
      {isStarred ? '★' : '☆'}
    </button>
  );
}
