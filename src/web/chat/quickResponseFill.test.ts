import { describe, expect, it } from 'vitest';
import type { QuickResponse } from '../../shared/api.js';
import { activeSession, ama } from '../testing/chatFixtures.js';
import { fillQuickResponse, templateContextFor } from './quickResponseFill.js';

const response = (content: string): QuickResponse => ({
  id: 'r',
  title: 'Hi',
  content,
  category: null,
  shortcut: null,
  scope: 'shared',
  shared: true,
  ownerId: null,
  team: null,
  useCount: 0,
  createdAt: '',
  updatedAt: '',
});

describe('fillQuickResponse', () => {
  it('fills a response in from the chat and the agent writing, a chat without a team left empty', () => {
    const session = activeSession({
      customer: { ...activeSession().customer, name: 'Yaw Boateng' },
    });
    const context = templateContextFor(session, { ...ama, name: 'Ama Mensah' });
    expect(
      fillQuickResponse(
        response(
          'Hi {{customer.firstName}}, {{agent.firstName}} on “{{chat.subject}}”{{team.name}}',
        ),
        context,
      ),
    ).toEqual({ text: 'Hi Yaw, Ama on “Cannot sign in”', missing: ['team.name'] });
  });

  it("fills {{team.name}} in from the chat's team", () => {
    const session = activeSession({ team: { id: 't', name: 'Finance' } });
    expect(
      fillQuickResponse(response('{{team.name}} here'), templateContextFor(session, ama)),
    ).toEqual({ text: 'Finance here', missing: [] });
  });
});
