// A chat's or a ticket's tags as removable chips with a field to add more; every change saves the
// whole set through `onSave` (a chat's PUT /sessions/:id/tags, a ticket's PATCH).
import { LIMITS } from '../../../shared/vocabulary.js';
import { tagProblem } from '../../chat/tags.js';
import { ChipEditor } from '../ChipEditor.js';

const WORDS = {
  list: 'Tags',
  none: 'No tags yet',
  add: 'Add a tag',
  addButton: 'Add tag',
  remove: (tag: string) => `Remove tag ${tag}`,
};

export function TagEditor({
  tags,
  editable,
  onSave,
}: {
  tags: readonly string[];
  editable: boolean;
  onSave: (tags: string[]) => Promise<unknown>;
}) {
  return (
    <ChipEditor
      items={tags}
      editable={editable}
      onSave={onSave}
      words={WORDS}
      problemOf={tagProblem}
      maxLength={LIMITS.tag}
    />
  );
}
