import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as api from './api.js';

/** Every request body and query the API validates, by export name (ErrorBody is a response). */
const requestSchemas = Object.entries(api).flatMap(([name, value]) =>
  /(Body|Query)$/.test(name) && name !== 'ErrorBody' && value instanceof z.ZodObject
    ? [[name, value] as const]
    : [],
);

// Long enough for every minimum length (passwords), short enough for every maximum.
const loneSurrogate = `\ud83d${'a'.repeat(12)}`;

describe('request schemas', () => {
  it('are found', () => {
    expect(requestSchemas.map(([name]) => name)).toContain('SendMessageBody');
    expect(requestSchemas.length).toBeGreaterThan(10);
  });

  it.each(requestSchemas)(
    '%s accepts no string holding half of a surrogate pair, which storage would change',
    (_name, schema) => {
      for (const [field, fieldSchema] of Object.entries(
        schema.shape as Record<string, z.ZodType>,
      )) {
        for (const value of [loneSurrogate, [loneSurrogate]]) {
          expect(fieldSchema.safeParse(value).success, `${field}: ${JSON.stringify(value)}`).toBe(
            false,
          );
        }
      }
    },
  );

  it('accept a whole surrogate pair', () => {
    expect(api.SendMessageBody.parse({ text: 'smile \ud83d\ude00' }).text).toBe('smile 😀');
  });
});
