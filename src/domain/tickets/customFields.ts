// Custom ticket fields that super admins define (text, number, select, checkbox; optionally
// required), and the check of a ticket's values against them, with the field's name in every
// message. Pure: storage keeps the definitions, services call this on every write.
import { AppError } from '../errors.js';

export const CUSTOM_FIELD_TYPES = ['text', 'number', 'select', 'checkbox'] as const;
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];

interface FieldBase {
  /** Stable identifier used in the API and storage, e.g. `student_id`. */
  key: string;
  /** What people see, e.g. "Student ID". */
  label: string;
  /** Required: a text or select must be given, a number too, a checkbox must be ticked. */
  required?: boolean;
}

export type CustomFieldDefinition =
  | (FieldBase & { type: 'text'; maxLength?: number })
  | (FieldBase & { type: 'number'; min?: number; max?: number; integer?: boolean })
  | (FieldBase & { type: 'select'; options: readonly string[] })
  | (FieldBase & { type: 'checkbox' });

export type CustomFieldValue = string | number | boolean;
export type CustomFieldValues = Record<string, CustomFieldValue>;

export const DEFAULT_TEXT_MAX_LENGTH = 1000;
const KEY = /^[a-z][a-z0-9_]{0,39}$/;

export interface FieldProblem {
  /** `fields.<key>`, the request path a form can point at. */
  field: string;
  message: string;
}

const definitionError = (field: string, message: string) =>
  new AppError('VALIDATION_FAILED', `${field}: ${message}`, field);

/** Throws a VALIDATION_FAILED naming the first definition that makes no sense. */
export function assertFieldDefinitions(definitions: readonly CustomFieldDefinition[]): void {
  const keys = new Set<string>();
  definitions.forEach((def, i) => {
    const at = `fields[${i}]`;
    if (!KEY.test(def.key)) {
      throw definitionError(
        `${at}.key`,
        'use lower-case letters, digits and _ (at most 40), starting with a letter',
      );
    }
    if (keys.has(def.key))
      throw definitionError(`${at}.key`, `"${def.key}" is used by another field`);
    keys.add(def.key);
    if (!def.label.trim()) throw definitionError(`${at}.label`, 'a field needs a label');
    if (!(CUSTOM_FIELD_TYPES as readonly string[]).includes(def.type)) {
      throw definitionError(`${at}.type`, `must be one of ${CUSTOM_FIELD_TYPES.join(', ')}`);
    }
    if (def.type === 'select') {
      if (def.options.length === 0)
        throw definitionError(`${at}.options`, 'a select needs options');
      if (new Set(def.options).size !== def.options.length) {
        throw definitionError(`${at}.options`, 'options must differ from each other');
      }
      if (def.options.some((o) => !o.trim())) {
        throw definitionError(`${at}.options`, 'an option cannot be empty');
      }
    }
    if (
      def.type === 'number' &&
      def.min !== undefined &&
      def.max !== undefined &&
      def.min > def.max
    ) {
      throw definitionError(`${at}.max`, 'must not be below min');
    }
  });
}

const isMissing = (value: unknown) =>
  value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/** One value against its definition: the stored form, or the problem in words. */
function checkValue(
  def: CustomFieldDefinition,
  value: unknown,
): { value: CustomFieldValue | undefined } | { problem: string } {
  const name = def.label;
  if (isMissing(value)) {
    if (def.required && def.type !== 'checkbox') return { problem: `${name} is required` };
    if (def.required) return { problem: `${name} must be ticked` };
    return { value: undefined };
  }
  switch (def.type) {
    case 'text': {
      if (typeof value !== 'string') return { problem: `${name} must be text` };
      const max = def.maxLength ?? DEFAULT_TEXT_MAX_LENGTH;
      const text = value.trim();
      if (text.length > max) return { problem: `${name} must be at most ${max} characters` };
      return { value: text };
    }
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        return { problem: `${name} must be a number` };
      }
      if (def.integer && !Number.isInteger(value))
        return { problem: `${name} must be a whole number` };
      if (def.min !== undefined && value < def.min)
        return { problem: `${name} must be at least ${def.min}` };
      if (def.max !== undefined && value > def.max)
        return { problem: `${name} must be at most ${def.max}` };
      return { value };
    }
    case 'select': {
      if (typeof value !== 'string' || !def.options.includes(value)) {
        return { problem: `${name} must be one of: ${def.options.join(', ')}` };
      }
      return { value };
    }
    case 'checkbox': {
      if (typeof value !== 'boolean') return { problem: `${name} must be true or false` };
      if (def.required && !value) return { problem: `${name} must be ticked` };
      return { value };
    }
  }
}

/**
 * A ticket's values against the definitions: every problem found, and the values as stored
 * (text trimmed, empty values dropped). Unknown keys are problems, not silently kept.
 */
export function checkFieldValues(
  definitions: readonly CustomFieldDefinition[],
  values: Record<string, unknown>,
): { values: CustomFieldValues; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const clean: CustomFieldValues = {};
  const known = new Set(definitions.map((d) => d.key));
  for (const key of Object.keys(values)) {
    if (!known.has(key))
      problems.push({ field: `fields.${key}`, message: `There is no field "${key}"` });
  }
  for (const def of definitions) {
    const result = checkValue(def, values[def.key]);
    if ('problem' in result) problems.push({ field: `fields.${def.key}`, message: result.problem });
    else if (result.value !== undefined) clean[def.key] = result.value;
  }
  return { values: clean, problems };
}

/** The stored values, or a VALIDATION_FAILED for the first problem (all of them in the message). */
export function validateFieldValues(
  definitions: readonly CustomFieldDefinition[],
  values: Record<string, unknown>,
): CustomFieldValues {
  const { values: clean, problems } = checkFieldValues(definitions, values);
  const [first] = problems;
  if (first) {
    throw new AppError('VALIDATION_FAILED', problems.map((p) => p.message).join('; '), first.field);
  }
  return clean;
}
