// Variables in quick responses: `{{customer.firstName}}` and friends, checked when a response is
// saved and filled in from the chat when it is inserted. Pure, so the server validates and the
// agent's composer previews with the same rules.

/** What a quick response can be filled in from: the chat, its customer, the agent inserting it. */
export interface TemplateContext {
  customer: { name: string } | null;
  agent: { name: string } | null;
  chat: { subject: string } | null;
  /** The chat's team (from its topic); null for a chat without one, rendered empty. */
  team: { name: string } | null;
}

type Value = (context: TemplateContext) => string | null | undefined;

/** The first word of a name: "Ama Mensah" → "Ama". */
const firstName = (name: string | undefined): string | undefined => name?.trim().split(/\s+/u)[0];

/**
 * Every variable a quick response may use, with what it says and where its value comes from:
 * adding a source is one line here (the server refuses every name not listed).
 */
export const TEMPLATE_VARIABLES = [
  { name: 'customer.name', label: "Customer's name", value: (c) => c.customer?.name },
  {
    name: 'customer.firstName',
    label: "Customer's first name",
    value: (c) => firstName(c.customer?.name),
  },
  { name: 'agent.name', label: 'Your name', value: (c) => c.agent?.name },
  { name: 'agent.firstName', label: 'Your first name', value: (c) => firstName(c.agent?.name) },
  { name: 'chat.subject', label: "The chat's subject", value: (c) => c.chat?.subject },
  { name: 'team.name', label: "The chat's team", value: (c) => c.team?.name },
] as const satisfies ReadonlyArray<{ name: string; label: string; value: Value }>;

export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number]['name'];

const BY_NAME: ReadonlyMap<string, Value> = new Map(
  TEMPLATE_VARIABLES.map((variable) => [variable.name, variable.value]),
);

/** `{{customer.name}}`, `{{ customer.name }}`: a dotted name between double braces. */
const NAME = /^[A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z][A-Za-z0-9]*)*$/u;

/** A piece of a template: plain text, a variable, or a `{{` that does not make one. */
export type TemplatePart =
  | { kind: 'text'; text: string }
  | { kind: 'variable'; name: string; raw: string }
  | { kind: 'unknown'; name: string; raw: string }
  | { kind: 'malformed'; raw: string };

/**
 * Splits a template into its parts. Only `{{` opens a variable, which runs to the next `}}`;
 * single braces, and a `}}` nothing opened, are plain text.
 */
export function parseTemplate(template: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let text = '';
  let at = 0;
  while (at < template.length) {
    const open = template.indexOf('{{', at);
    if (open < 0) break;
    const close = template.indexOf('}}', open + 2);
    text += template.slice(at, open);
    if (text) parts.push({ kind: 'text', text });
    text = '';
    if (close < 0) {
      parts.push({ kind: 'malformed', raw: template.slice(open) });
      return parts;
    }
    const raw = template.slice(open, close + 2);
    const name = template.slice(open + 2, close).trim();
    if (!NAME.test(name)) parts.push({ kind: 'malformed', raw });
    else if (BY_NAME.has(name)) parts.push({ kind: 'variable', name, raw });
    else parts.push({ kind: 'unknown', name, raw });
    at = close + 2;
  }
  text += template.slice(at);
  if (text) parts.push({ kind: 'text', text });
  return parts;
}

/** What is wrong with a template: the unknown variables and the `{{` that make none, in order. */
export interface TemplateProblems {
  unknown: string[];
  malformed: string[];
}

export function templateProblems(template: string): TemplateProblems {
  const problems: TemplateProblems = { unknown: [], malformed: [] };
  for (const part of parseTemplate(template)) {
    if (part.kind === 'unknown' && !problems.unknown.includes(part.name)) {
      problems.unknown.push(part.name);
    } else if (part.kind === 'malformed') {
      problems.malformed.push(part.raw);
    }
  }
  return problems;
}

/** The variables a template may use, as they are written: `{{customer.name}}, …`. */
export const validVariablesText = (): string =>
  TEMPLATE_VARIABLES.map((variable) => `{{${variable.name}}}`).join(', ');

export interface RenderedTemplate {
  text: string;
  /** The variables used that have no value here (rendered empty), each once. */
  missing: TemplateVariable[];
}

/**
 * The template filled in from `context`. A variable without a value here is left empty and
 * reported in `missing`; what is not a known variable (only an older response can hold one) is
 * kept as written.
 */
export function renderTemplate(template: string, context: TemplateContext): RenderedTemplate {
  const missing: TemplateVariable[] = [];
  let text = '';
  for (const part of parseTemplate(template)) {
    if (part.kind === 'text') text += part.text;
    else if (part.kind !== 'variable') text += part.raw;
    else {
      const value = BY_NAME.get(part.name)!(context)?.trim();
      if (value) text += value;
      else if (!missing.includes(part.name as TemplateVariable)) {
        missing.push(part.name as TemplateVariable);
      }
    }
  }
  return { text, missing };
}
