// A text field its form controls: the value and its setter, and the error that marks it invalid (told by
// the FieldHelp line it names in aria-describedby). A `code` field (a domain, a DNS record) is typed
// exactly: no autocompletion, capitals or spelling corrections.
import { useState, type ComponentProps } from 'react';
import { Input } from '@/components/ui/input';

const CODE_FIELD = { autoComplete: 'off', autoCapitalize: 'none', spellCheck: false } as const;

export function FieldInput({
  value,
  onValue,
  error,
  code = false,
  ...props
}: Omit<ComponentProps<typeof Input>, 'value' | 'onChange'> & {
  value: string;
  onValue: (value: string) => void;
  error?: string | null;
  code?: boolean;
}) {
  return (
    <Input
      value={value}
      onChange={(event) => onValue(event.target.value)}
      aria-invalid={error ? true : undefined}
      {...(code ? CODE_FIELD : {})}
      {...props}
    />
  );
}

/** A FieldInput's text and its setter, to spread on the field: `<FieldInput {...domain} />`. */
export function useFieldValue(initial: string) {
  const [value, onValue] = useState(initial);
  return { value, onValue };
}
