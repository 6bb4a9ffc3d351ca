import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  /** Names the failed area in the fallback, e.g. "artifact table". */
  label: string;
  children: ReactNode;
}

interface State {
  error: Error | null;
}

/** Keeps one failing panel from blanking the whole window; the analyst can retry that panel alone. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`[${this.props.label}]`, error, info.componentStack);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="panel-error" role="alert" data-testid="panel-error">
        <strong>The {this.props.label} stopped working.</strong>
        <p>{error.message || 'An unexpected error occurred.'}</p>
        <button type="button" className="btn" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </div>
    );
  }
}
