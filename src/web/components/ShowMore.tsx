// The "Show more" button under a page's list that is read page by page (usePagedList): there
// while the API has more, busy while the next page comes.
import type { PagedList } from '../hooks/usePagedList.js';
import { Button } from './Button.js';

export function ShowMore({
  list,
}: {
  list: Pick<PagedList<unknown>, 'hasMore' | 'loadingMore' | 'loadMore'>;
}) {
  if (!list.hasMore) return null;
  return (
    <div class="cluster cluster--center">
      <Button busy={list.loadingMore} onClick={() => void list.loadMore()}>
        Show more
      </Button>
    </div>
  );
}
