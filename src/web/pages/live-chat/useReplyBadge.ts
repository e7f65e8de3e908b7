// The customer's tab title counts the agent's replies that came while the tab was hidden, e.g.
// "(1) Live chat – Switchboard", and clears when the customer looks (notify/attention.ts).
import { useEffect } from 'preact/hooks';
import { attentionCount } from '../../app/documentTitle.js';
import { unreadCount, type ConversationState } from '../../chat/conversation.js';
import { useTabVisible } from '../../hooks/useTabVisible.js';
import { customerAttention } from '../../notify/attention.js';

export function useReplyBadge(conversation: ConversationState, enabled: boolean): void {
  const visible = useTabVisible();
  // Read receipts go only while the tab is visible, so what is unread came while it was hidden.
  const count = enabled ? customerAttention(unreadCount(conversation), visible) : 0;
  useEffect(() => {
    attentionCount.set(count);
  }, [count]);
  useEffect(() => () => attentionCount.set(0), []);
}
