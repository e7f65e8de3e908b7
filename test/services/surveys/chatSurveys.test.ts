// Surveys after a chat: super admins set up to three questions (a question left out keeps its
// answers); the customer of an ended chat answers once, attributed to the agent and team the chat
// ended with, even after the agent's team changes; the survey report averages the answers of the
// report's scope and lists the rating comments.
import { expect, it } from 'vitest';
import { AppError } from '../../../src/domain/errors.js';
import { HOUR_MS, utcHourOf } from '../../../src/domain/reports/chatRollup.js';
import { surveyReport } from '../../../src/services/reports/surveyReport.js';
import { assignSession } from '../../../src/services/sessions/chatAssigner.js';
import { endSession } from '../../../src/services/sessions/sessionEnder.js';
import { answerChatSurvey } from '../../../src/services/surveys/chatSurveyAnswerer.js';
import {
  listSurveyQuestions,
  setSurveyQuestions,
} from '../../../src/services/surveys/surveyQuestions.js';
import { createTeam, setTeamMember } from '../../../src/services/teams/teams.js';
import { createTopic } from '../../../src/services/topics/topics.js';
import { surveyAnswersOf } from '../../../src/storage/repositories/surveys.js';
import { describeEachDatabase } from '../../support/databases.js';
import { makeWorld } from '../../support/world.js';

const code = (work: Promise<unknown>) =>
  work.then(
    () => 'ok',
    (error: unknown) => (error instanceof AppError ? error.code : String(error)),
  );

describeEachDatabase('chat surveys', (db) => {
  it('lets super admins set at most three questions, keeping those sent with their id', async () => {
    const world = makeWorld(db());
    const boss = await world.superAdmin('Ada');
    const kofi = await world.agent('Kofi', { status: 'offline' });
    const [easy] = await setSurveyQuestions(world.ctx, boss, {
      questions: [{ text: 'Was it easy?' }, { text: 'Would you come back?' }],
    });
    const after = await setSurveyQuestions(world.ctx, boss, {
      questions: [{ id: easy!.id, text: 'Was it easy to get help?' }, { text: 'Was it quick?' }],
    });
    expect(after.map((q) => [q.text, q.position])).toEqual([
      ['Was it easy to get help?', 0],
      ['Was it quick?', 1],
    ]);
    expect(after[0]!.id).toBe(easy!.id);
    expect(await listSurveyQuestions(world.ctx.store.db)).toEqual(after);
    expect(await code(setSurveyQuestions(world.ctx, kofi, { questions: [] }))).toBe('FORBIDDEN');
  });

  it('takes the customer’s answers once, for the agent and team the chat ended with', async () => {
    const world = makeWorld(db());
    const boss = await world.superAdmin('Ada');
    const ama = await world.agent('Ama', { status: 'offline' });
    const esi = await world.agent('Esi', { status: 'online', autoAssign: false, connected: true });
    const finance = (await createTeam(world.ctx, boss, { name: 'Finance', description: '' })).row;
    const it = (await createTeam(world.ctx, boss, { name: 'IT', description: '' })).row;
    await setTeamMember(world.ctx, boss, { teamId: finance.id, agentId: ama.id, isLead: true });
    await setTeamMember(world.ctx, boss, { teamId: finance.id, agentId: esi.id, isLead: false });
    await setTeamMember(world.ctx, boss, { teamId: it.id, agentId: boss.id, isLead: true });
    const topic = await createTopic(world.ctx, boss, {
      name: 'Fees',
      slug: 'fees',
      teamId: finance.id,
      position: 0,
      isDefault: true,
    });
    const [easy, quick] = await setSurveyQuestions(world.ctx, boss, {
      questions: [{ text: 'Was it easy?' }, { text: 'Was it quick?' }],
    });
    const yaw = await world.customer('Yaw');
    const efua = await world.customer('Efua');
    const hour = utcHourOf(world.clock.now());
    const sessionId = await world.startChat(yaw, { topicId: topic.row.id });
    const answer = (values: number[], viewer = yaw) =>
      answerChatSurvey(world.ctx, {
        viewer,
        sessionId,
        answers: [easy!, quick!].slice(0, values.length).map((q, i) => ({
          questionId: q.id,
          value: values[i]!,
        })),
      });
    expect(await code(answer([5]))).toBe('SESSION_NOT_ENDED');
    await assignSession(world.ctx, { viewer: boss, sessionId, agentId: esi.id });
    await endSession(world.ctx, { viewer: yaw, sessionId, rating: 4, feedback: 'Thanks Esi' });

    expect(await code(answer([5], efua))).toBe('NOT_FOUND');
    expect((await answer([5, 3])).answers).toHaveLength(2);
    expect(await code(answer([1]))).toBe('SURVEY_ALREADY_ANSWERED');
    const rows = await surveyAnswersOf(world.ctx.store.db, sessionId);
    expect(rows.map((r) => [r.value, r.agent_id, r.team_id]).sort()).toEqual([
      [3, esi.id, finance.id],
      [5, esi.id, finance.id],
    ]);

    // Removed, the question still counts where it was answered.
    await setSurveyQuestions(world.ctx, boss, { questions: [{ id: easy!.id, text: 'Easy?' }] });
    const range = { from: hour, to: hour + HOUR_MS };
    const report = await surveyReport(world.ctx, { viewer: ama, ...range });
    expect(report.teamIds).toEqual([finance.id]);
    expect(report.questions.map((q) => [q.text, q.removed, q.answers, q.average])).toEqual([
      ['Easy?', false, 1, 5],
      ['Was it quick?', true, 1, 3],
    ]);
    expect(report.comments).toMatchObject([{ sessionId, rating: 4, comment: 'Thanks Esi' }]);
    // Another team's lead sees none of it.
    const other = await surveyReport(world.ctx, { viewer: boss, ...range, teamId: it.id });
    expect(other.questions.map((q) => q.answers)).toEqual([0]);
    expect(other.comments).toEqual([]);
    expect(await code(surveyReport(world.ctx, { viewer: esi, ...range }))).toBe('FORBIDDEN');
  });
});
