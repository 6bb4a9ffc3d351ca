import { useId } from 'react';

interface Props {
  label: string;
  value: string;
  options: readonly { value: string; label: string }[];
  onChange: (value: string) => void;
  /** The first option, meaning "no restriction". */
  anyLabel?: string;
  testId?: string;
}

export function SelectField({ label, value, options, onChange, anyLabel = 'Any', testId }: Props) {
  const id = useId();
  return (
    <div className="selectfield">
      <label className="selectfield__label" htmlFor={id}>
        {label}
      </label>
      <select
        id={id}
        className={`input input--small${value ? ' input--active' : ''}`}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        data-testid={testId}
      >
        <option value="">{anyLabel}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
