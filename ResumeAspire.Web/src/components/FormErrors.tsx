import { ErrorMessage } from './ErrorMessage';

/**
 * Under a form: a rejected form says so and lists what belongs to no single field (the field
 * messages sit next to their fields); any other error is shown as one readable sentence.
 */
export function FormErrors({ error, invalid, messages }: { error: unknown; invalid: boolean; messages: string[] }) {
  if (!invalid) return <ErrorMessage error={error} />;
  return (
    <div className="error" role="alert">
      <p>Please correct the highlighted fields.</p>
      {messages.length > 0 && (
        <ul>
          {messages.map((m, i) => (
            <li key={i}>{m}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
