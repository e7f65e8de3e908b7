import { describe, expect, it } from 'vitest';
import {
  assertFieldDefinitions,
  checkFieldValues,
  validateFieldValues,
  type CustomFieldDefinition,
} from './customFields.js';

const fields: CustomFieldDefinition[] = [
  { key: 'student_id', label: 'Student ID', type: 'text', required: true, maxLength: 8 },
  { key: 'programme', label: 'Programme', type: 'select', options: ['BSc Physics', 'MA History'] },
  { key: 'year', label: 'Year of study', type: 'number', integer: true, min: 1, max: 7 },
  { key: 'credits', label: 'Credits', type: 'number' },
  { key: 'consent', label: 'I agree to be contacted', type: 'checkbox', required: true },
  { key: 'urgent_exam', label: 'Exam this week', type: 'checkbox' },
];

const good = { student_id: ' S1234 ', programme: 'MA History', year: 2, consent: true };

describe('custom field values', () => {
  it('accepts good values and stores them trimmed', () => {
    expect(validateFieldValues(fields, good)).toEqual({
      student_id: 'S1234',
      programme: 'MA History',
      year: 2,
      consent: true,
    });
  });

  it('drops empty optional values', () => {
    expect(
      validateFieldValues(fields, { ...good, programme: '', credits: null }),
    ).not.toHaveProperty('programme');
  });

  it.each([
    [{ student_id: undefined }, 'fields.student_id', 'Student ID is required'],
    [{ student_id: '   ' }, 'fields.student_id', 'Student ID is required'],
    [{ student_id: 1234 }, 'fields.student_id', 'Student ID must be text'],
    [{ student_id: 'S12345678' }, 'fields.student_id', 'Student ID must be at most 8 characters'],
    [
      { programme: 'BA Art' },
      'fields.programme',
      'Programme must be one of: BSc Physics, MA History',
    ],
    [{ year: '2' }, 'fields.year', 'Year of study must be a number'],
    [{ year: Number.NaN }, 'fields.year', 'Year of study must be a number'],
    [{ year: 2.5 }, 'fields.year', 'Year of study must be a whole number'],
    [{ year: 0 }, 'fields.year', 'Year of study must be at least 1'],
    [{ year: 8 }, 'fields.year', 'Year of study must be at most 7'],
    [{ consent: false }, 'fields.consent', 'I agree to be contacted must be ticked'],
    [{ consent: undefined }, 'fields.consent', 'I agree to be contacted must be ticked'],
    [{ urgent_exam: 'yes' }, 'fields.urgent_exam', 'Exam this week must be true or false'],
    [{ shoe_size: 42 }, 'fields.shoe_size', 'There is no field "shoe_size"'],
  ])('refuses %j with a message naming the field', (change, field, message) => {
    const { problems } = checkFieldValues(fields, { ...good, ...change });
    expect(problems).toEqual([{ field, message }]);
    expect(() => validateFieldValues(fields, { ...good, ...change })).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED', field, message }),
    );
  });

  it('reports every problem at once, the first as the field at fault', () => {
    expect(() => validateFieldValues(fields, { year: 9 })).toThrow(
      expect.objectContaining({
        field: 'fields.student_id',
        message:
          'Student ID is required; Year of study must be at most 7; I agree to be contacted must be ticked',
      }),
    );
  });

  it('accepts any finite number where no bounds are set, and an unticked optional box', () => {
    expect(
      validateFieldValues(fields, { ...good, credits: -3.5, urgent_exam: false }),
    ).toMatchObject({
      credits: -3.5,
      urgent_exam: false,
    });
  });

  it('limits text to 1000 characters by default', () => {
    const notes: CustomFieldDefinition[] = [{ key: 'notes', label: 'Notes', type: 'text' }];
    expect(() => validateFieldValues(notes, { notes: 'x'.repeat(1000) })).not.toThrow();
    expect(() => validateFieldValues(notes, { notes: 'x'.repeat(1001) })).toThrow(
      expect.objectContaining({ message: 'Notes must be at most 1000 characters' }),
    );
  });
});

describe('custom field definitions', () => {
  it('accepts the definitions above', () => {
    expect(() => assertFieldDefinitions(fields)).not.toThrow();
  });

  const base = { key: 'x', label: 'X', type: 'text' } as const;
  it.each([
    [[{ ...base, key: 'Student ID' }], 'fields[0].key'],
    [[{ ...base, key: '1st' }], 'fields[0].key'],
    [[base, { ...base, label: 'Y' }], 'fields[1].key'],
    [[{ ...base, label: '  ' }], 'fields[0].label'],
    [[{ ...base, type: 'date' }], 'fields[0].type'],
    [[{ key: 's', label: 'S', type: 'select', options: [] }], 'fields[0].options'],
    [[{ key: 's', label: 'S', type: 'select', options: ['a', 'a'] }], 'fields[0].options'],
    [[{ key: 's', label: 'S', type: 'select', options: ['a', ' '] }], 'fields[0].options'],
    [[{ key: 'n', label: 'N', type: 'number', min: 5, max: 1 }], 'fields[0].max'],
  ])('refuses a bad definition (%#)', (definitions, field) => {
    expect(() => assertFieldDefinitions(definitions as CustomFieldDefinition[])).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED', field }),
    );
  });
});
