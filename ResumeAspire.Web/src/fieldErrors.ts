import { ApiError } from './api';

/** Validation messages keyed by wire field name, as in a 400 problem-details `errors` object. */
export type FieldErrors = Record<string, string[]>;

/** The per-field messages of a validation failure, or null when `err` is some other failure. */
export function validationErrors(err: unknown): FieldErrors | null {
  if (err instanceof ApiError && err.status === 400 && Object.keys(err.fieldErrors).length > 0) {
    return err.fieldErrors;
  }
  return null;
}

/** Joins the ids for aria-describedby, leaving out the parts that are not on screen. */
export function describedBy(...ids: (string | false | null | undefined)[]): string | undefined {
  const joined = ids.filter(Boolean).join(' ');
  return joined || undefined;
}

/**
 * Sorts a form's errors into those its fields show and the rest. `route` names the field that
 * shows a wire key (and may rewrite the message), or returns null when no field does.
 */
export function assignErrors(
  errors: FieldErrors,
  route: (key: string, message: string) => { field: string; message: string } | null,
): { fields: Record<string, string[]>; general: string[] } {
  const fields: Record<string, string[]> = {};
  const general: string[] = [];
  for (const [key, messages] of Object.entries(errors)) {
    for (const message of messages ?? []) {
      const target = route(key, message);
      if (target) {
        (fields[target.field] ??= []).push(target.message);
      } else {
        general.push(message);
      }
    }
  }
  return { fields, general };
}
