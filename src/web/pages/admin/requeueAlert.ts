// What a super admin is told when an agent who stayed gone had their chats put back in the queue
// (the `chats.requeued` frame), wherever they are in the app.
import type { FrameOf } from '../../realtime/realtimeClient.js';

export function requeueAlertText(frame: FrameOf<'chats.requeued'>): string {
  const why = frame.reason === 'signed_out' ? 'signed out' : 'was disconnected';
  const count = frame.sessions.length;
  const chats = count === 1 ? '1 chat is' : `${count} chats are`;
  return `${frame.agent.name} ${why}: ${chats} back in the queue`;
}
