// A failure as one sentence for the person on screen; for a form, also the field it is about.
import { ApiError } from './http.js';

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong. Please try again.';
}

export interface FieldProblem {
  /** The form field the server named as the cause, if any. */
  field: string | null;
  text: string;
}

export function fieldProblem(error: unknown): FieldProblem {
  return {
    field: error instanceof ApiError ? (error.field ?? null) : null,
    text: errorMessage(error),
  };
}
