// Where a message is written: Enter sends, Shift+Enter starts a new line. For agents, quick
// responses come from the lightning-bolt menu or by typing "/" and a few letters; arrows choose,
// Enter or Tab inserts, Escape closes; "/shortcut" and a space inserts that response at once.
// A response goes in filled in for this chat (its variables), as the picker previews it.
// Keystrokes tell the other side "typing…". What is typed is kept as the chat's draft
// (chat/drafts.ts) until it is sent. Agents switch between Reply and Note (an internal note,
// which the customer never receives, not even as "typing…"). Files are attached with the
// paperclip, by dropping them on the composer or by pasting (a screenshot): each uploads at once,
// with its progress and a cancel, and the message that follows carries them (chat/uploads.ts).
import { useEffect, useId, useMemo, useRef, useState } from 'preact/hooks';
import type { TemplateContext } from '../../../domain/quickResponseTemplate.js';
import type { QuickResponse } from '../../../shared/api.js';
import { LIMITS } from '../../../shared/vocabulary.js';
import { useServices } from '../../app/services.js';
import type { ConversationStore } from '../../chat/conversationStore.js';
import { loadDraft, saveDraft } from '../../chat/drafts.js';
import type { QuickResponseCatalog } from '../../chat/quickResponseCatalog.js';
import { fillQuickResponse } from '../../chat/quickResponseFill.js';
import {
  groupByCategory,
  pickerOrder,
  searchQuickResponses,
  slashQuery,
  typedShortcut,
} from '../../chat/quickResponseSearch.js';
import { useReadable } from '../../hooks/useReadable.js';
import { Observable } from '../../state/observable.js';
import { tabStorage } from '../../state/tabStorage.js';
import { IconButton } from '../Button.js';
import { cx } from '../classNames.js';
import { composerComboboxProps } from './composerAria.js';
import {
  AttachButton,
  UploadChips,
  useComposerUploads,
  useFileDropping,
} from './ComposerUploads.js';
import { uploadPaths } from '../../chat/uploads.js';
import { takeComposerFocus } from './composerFocus.js';
import { ReplyNoteSwitch } from './ReplyNoteSwitch.js';
import { optionId, QuickResponseList, QuickResponsePreview } from './QuickResponseList.js';

/** The length counter appears this close to the limit. */
const COUNTER_FROM = LIMITS.message - 500;

interface ComposerProps {
  store: ConversationStore;
  /** The agent's quick responses; null for customers (no quick responses). */
  quickResponses: QuickResponseCatalog | null;
  /** What a quick response's variables stand for in this chat. */
  fill?: TemplateContext | undefined;
  /** The chat's team: its quick responses come first in the picker. */
  teamId?: string | null | undefined;
  placeholder: string;
  label: string;
  /**
   * Agents: `switch` offers Reply / Note (an internal note only agents see); `only` writes notes
   * alone (in a chat they may read but not answer). Customers: unset.
   */
  notes?: 'switch' | 'only' | undefined;
}

type Picker = { mode: 'slash' } | { mode: 'menu'; query: string } | null;

const NO_RESPONSES = new Observable<readonly QuickResponse[]>([]);
const NOTHING_KNOWN: TemplateContext = { customer: null, agent: null, chat: null, team: null };

/** One composer per chat: another chat in the same place starts from its own draft. */
export function Composer(props: ComposerProps) {
  return <ChatComposer key={props.store.sessionId} {...props} />;
}

function ChatComposer({
  store,
  quickResponses: catalog,
  fill = NOTHING_KNOWN,
  teamId = null,
  placeholder,
  label,
  notes,
}: ComposerProps) {
  const { me } = useServices();
  const { tray, limits, uploads } = useComposerUploads(uploadPaths.chat(store.sessionId));
  const [sending, setSending] = useState(false);
  const [sendError, setSendError] = useState<string | null>(null);
  const [noteMode, setNoteMode] = useState(notes === 'only');
  const writingNote = notes === 'only' || (notes === 'switch' && noteMode);
  const responses = useReadable(catalog ?? NO_RESPONSES);
  const quickResponses = catalog ? responses : null;
  const [text, setDraft] = useState(() => loadDraft(tabStorage(), me.id, store.sessionId));
  const setText = (next: string) => {
    setDraft(next);
    saveDraft(tabStorage(), me.id, store.sessionId, next);
  };
  const [menuQuery, setMenuQuery] = useState<string | null>(null);
  const [slashDismissed, setSlashDismissed] = useState(false);
  const [active, setActive] = useState(0);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const boltRef = useRef<HTMLButtonElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const listId = useId();
  const counterId = useId();
  useEffect(() => {
    if (takeComposerFocus(store.sessionId)) textarea.current?.focus();
  }, []);

  const slash = quickResponses && !slashDismissed ? slashQuery(text) : null;
  const picker: Picker =
    menuQuery !== null
      ? { mode: 'menu', query: menuQuery }
      : slash !== null
        ? { mode: 'slash' }
        : null;
  const groups = useMemo(
    () =>
      picker && quickResponses
        ? groupByCategory(
            searchQuickResponses(
              quickResponses,
              picker.mode === 'menu' ? picker.query : (slash ?? ''),
              teamId,
            ),
          )
        : [],
    [quickResponses, picker?.mode, menuQuery, slash, teamId],
  );
  // In the order shown, group after group: the arrow keys walk this.
  const matches = useMemo(() => pickerOrder(groups), [groups]);
  const filled = (response: QuickResponse) => fillQuickResponse(response, fill);
  useEffect(() => setActive(0), [picker?.mode, menuQuery, slash]);
  // Opening the picker is when an out-of-date list would show: fetch it again (it stays usable
  // meanwhile).
  const pickerOpen = picker !== null;
  useEffect(() => {
    if (pickerOpen) void catalog?.refresh();
  }, [pickerOpen]);

  useEffect(() => {
    if (menuQuery === null) return;
    // The bolt toggles the menu itself: closing here too would let its click reopen it.
    const close = (event: PointerEvent) => {
      const target = event.target as Node;
      if (menuRef.current?.contains(target) || boltRef.current?.contains(target)) return;
      setMenuQuery(null);
    };
    document.addEventListener('pointerdown', close);
    return () => document.removeEventListener('pointerdown', close);
  }, [menuQuery !== null]);

  // The bolt's menu takes the focus when it opens (Escape gives it back to the bolt).
  useEffect(() => {
    if (menuQuery !== null) searchRef.current?.focus();
  }, [menuQuery !== null]);

  const tooLong = text.length > LIMITS.message;
  const uploading = uploads.some((upload) => upload.status === 'uploading');
  const readyFiles = uploads.filter((upload) => upload.file);
  const canSend =
    (text.trim() !== '' || readyFiles.length > 0) && !tooLong && !uploading && !sending;

  const send = () => {
    const message = text.trim();
    if (!canSend) return;
    if (tray && readyFiles.length > 0) {
      setSending(true);
      setSendError(null);
      store
        .sendWithFiles(
          message,
          tray.ready()!.map((file) => file.id),
          writingNote,
        )
        .then(
          () => {
            tray.clear();
            setText('');
          },
          (error: unknown) =>
            setSendError(error instanceof Error ? error.message : 'Not sent; try again'),
        )
        .finally(() => setSending(false));
      return;
    }
    store.send(message, writingNote);
    setText('');
    setSlashDismissed(false);
  };

  const dropping = useFileDropping(tray, () => setSendError(null));
  const attach = dropping.attach;

  /** Inserts the response filled in: at the caret from the menu, in place of "/…" otherwise. */
  const pick = (response: QuickResponse, mode = picker?.mode) => {
    const element = textarea.current;
    const content = filled(response).text;
    let next = content;
    let caret = next.length;
    if (mode === 'menu' && element) {
      const start = element.selectionStart ?? text.length;
      const end = element.selectionEnd ?? text.length;
      next = text.slice(0, start) + content + text.slice(end);
      caret = start + content.length;
    }
    catalog?.recordUse(response.id);
    setText(next);
    setMenuQuery(null);
    setSlashDismissed(false);
    requestAnimationFrame(() => {
      element?.focus();
      element?.setSelectionRange(caret, caret);
    });
  };

  /** Arrow keys, Enter/Tab and Escape while the quick-response list is open. */
  const steerPicker = (event: KeyboardEvent): boolean => {
    if (!picker) return false;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((index) => (index + step + matches.length) % Math.max(1, matches.length));
    } else if ((event.key === 'Enter' || event.key === 'Tab') && matches[active]) {
      pick(matches[active]!);
    } else if (event.key === 'Escape') {
      if (picker.mode === 'menu') {
        setMenuQuery(null);
        boltRef.current?.focus();
      } else {
        setSlashDismissed(true);
      }
    } else {
      return false;
    }
    event.preventDefault();
    return true;
  };

  const activeOption = pickerOpen && matches.length > 0 ? optionId(listId, active) : undefined;

  const chooseMode = (note: boolean) => {
    if (note === noteMode) return;
    store.stopTyping();
    setNoteMode(note);
    textarea.current?.focus();
  };

  return (
    <div
      class={cx(
        'composer',
        writingNote && 'composer--note',
        notes === 'only' && 'composer--note-only',
        dropping.dragging && 'composer--dropping',
      )}
      {...dropping.dropTarget}
    >
      {notes === 'switch' && <ReplyNoteSwitch note={noteMode} onChange={chooseMode} />}
      {pickerOpen && (
        <div class="composer__picker" ref={menuRef}>
          {picker.mode === 'menu' && (
            <input
              ref={searchRef}
              class="input composer__search"
              type="text"
              role="combobox"
              aria-label="Search quick responses"
              aria-expanded="true"
              aria-controls={matches.length > 0 ? listId : undefined}
              aria-activedescendant={activeOption}
              placeholder="Search quick responses"
              value={picker.query}
              onInput={(event) => setMenuQuery(event.currentTarget.value)}
              onKeyDown={(event) => steerPicker(event)}
            />
          )}
          <QuickResponseList
            id={listId}
            groups={groups}
            activeIndex={active}
            fill={filled}
            onPick={(response) => pick(response)}
            onActivate={setActive}
          />
          {matches[active] && <QuickResponsePreview filled={filled(matches[active])} />}
        </div>
      )}
      {tray && <UploadChips tray={tray} uploads={uploads} />}
      {sendError && (
        <p class="composer__error" role="alert">
          Not sent: {sendError}
        </p>
      )}
      <div class="composer__row">
        {tray && limits && <AttachButton limits={limits} onFiles={attach} />}
        {quickResponses && (
          <IconButton
            ref={boltRef}
            icon="bolt"
            label="Quick responses"
            aria-expanded={picker?.mode === 'menu'}
            aria-haspopup="listbox"
            onClick={() => setMenuQuery(menuQuery === null ? '' : null)}
          />
        )}
        <textarea
          ref={textarea}
          class="composer__input"
          rows={1}
          aria-label={writingNote ? 'Internal note (only agents see it)' : label}
          placeholder={
            writingNote ? 'Write a note for agents; @name tells a colleague' : placeholder
          }
          value={text}
          {...composerComboboxProps({
            hasQuickResponses: quickResponses !== null,
            open: picker?.mode === 'slash' && matches.length > 0,
            listId,
            activeOptionId: activeOption,
          })}
          aria-describedby={text.length > COUNTER_FROM ? counterId : undefined}
          aria-invalid={tooLong || undefined}
          onInput={(event) => {
            const value = event.currentTarget.value;
            const shortcut = quickResponses && typedShortcut(quickResponses, value, teamId);
            if (shortcut) {
              pick(shortcut, 'slash');
              store.typing(writingNote);
              return;
            }
            setText(value);
            if (!value.startsWith('/')) setSlashDismissed(false);
            if (value.trim()) store.typing(writingNote);
            else store.stopTyping();
          }}
          onBlur={() => store.stopTyping()}
          onPaste={dropping.onPaste}
          onKeyDown={(event) => {
            if (picker?.mode === 'slash' && steerPicker(event)) return;
            if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
              event.preventDefault();
              send();
            }
          }}
        />
        <IconButton
          icon="send"
          label={writingNote ? 'Add note' : 'Send'}
          variant="secondary"
          class="composer__send"
          disabled={!canSend}
          onClick={send}
        />
      </div>
      {text.length > COUNTER_FROM && (
        <p
          class={tooLong ? 'composer__counter composer__counter--over' : 'composer__counter'}
          id={counterId}
        >
          {text.length} / {LIMITS.message} characters
        </p>
      )}
    </div>
  );
}
