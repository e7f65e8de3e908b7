import { describe, expect, it } from 'vitest';
import {
  parseTemplate,
  renderTemplate,
  templateProblems,
  TEMPLATE_VARIABLES,
  validVariablesText,
  type TemplateContext,
} from './quickResponseTemplate.js';

const chat: TemplateContext = {
  customer: { name: 'Yaw Boateng' },
  agent: { name: 'Ama Mensah' },
  chat: { subject: 'Fees for term 2' },
  team: { name: 'Finance' },
};

describe('renderTemplate', () => {
  it('fills in every variable from the chat', () => {
    const template = TEMPLATE_VARIABLES.map((v) => `{{${v.name}}}`).join('|');
    expect(renderTemplate(template, chat)).toEqual({
      text: 'Yaw Boateng|Yaw|Ama Mensah|Ama|Fees for term 2|Finance',
      missing: [],
    });
  });

  it('fills in a variable as often as it is used', () => {
    expect(renderTemplate('{{customer.firstName}}, {{customer.firstName}}!', chat).text).toBe(
      'Yaw, Yaw!',
    );
  });

  it('accepts spaces inside the braces', () => {
    expect(renderTemplate('Hi {{  customer.firstName\t}}', chat).text).toBe('Hi Yaw');
  });

  it('leaves a missing value empty and says which, once', () => {
    const rendered = renderTemplate('{{team.name}} / {{team.name}} for {{customer.name}}', {
      ...chat,
      team: null,
      customer: { name: '  ' },
    });
    expect(rendered).toEqual({ text: ' /  for ', missing: ['team.name', 'customer.name'] });
  });

  it('keeps text that only looks like braces', () => {
    const template = 'Use {curly} or { {x} } or }} here, and {{{customer.name}}';
    expect(renderTemplate(template, chat).text).toBe(template);
    expect(renderTemplate('no variables at all', chat).text).toBe('no variables at all');
    expect(renderTemplate('', chat)).toEqual({ text: '', missing: [] });
  });

  it('keeps an unknown variable as written (a response saved before the check)', () => {
    expect(renderTemplate('Dear {{customer.title}} {{customer.name}}', chat).text).toBe(
      'Dear {{customer.title}} Yaw Boateng',
    );
  });

  it('takes the first word of a name as the first name', () => {
    const rendered = renderTemplate('{{agent.firstName}}', { ...chat, agent: { name: ' Kofi ' } });
    expect(rendered.text).toBe('Kofi');
  });
});

describe('templateProblems', () => {
  it('finds nothing wrong with known variables and plain braces', () => {
    expect(templateProblems('Hi {{ customer.firstName }}, {see} }} {x}')).toEqual({
      unknown: [],
      malformed: [],
    });
  });

  it('names each unknown variable once', () => {
    expect(templateProblems('{{customer.email}} {{customer.email}} {{ticket}}')).toEqual({
      unknown: ['customer.email', 'ticket'],
      malformed: [],
    });
  });

  it('refuses braces that make no variable', () => {
    expect(
      templateProblems('a {{ }} b {{customer name}} c {{customer.}} d {{customer.name'),
    ).toEqual({
      unknown: [],
      malformed: ['{{ }}', '{{customer name}}', '{{customer.}}', '{{customer.name'],
    });
    expect(templateProblems('{{{customer.name}}}').malformed).toEqual(['{{{customer.name}}']);
  });
});

describe('parseTemplate', () => {
  it('splits text and variables in order', () => {
    expect(parseTemplate('Hi {{customer.name}}!')).toEqual([
      { kind: 'text', text: 'Hi ' },
      { kind: 'variable', name: 'customer.name', raw: '{{customer.name}}' },
      { kind: 'text', text: '!' },
    ]);
  });
});

it('lists the valid variables as they are written', () => {
  expect(validVariablesText()).toContain('{{customer.firstName}}');
  expect(validVariablesText().split(', ')).toHaveLength(TEMPLATE_VARIABLES.length);
});
