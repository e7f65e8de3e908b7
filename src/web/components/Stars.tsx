// A 1-5 rating shown as stars, read out as "Rated 4 out of 5", and a chat's rating as lists show
// it: the stars, or "Not rated".
import { Icon } from './Icon.js';

export function Stars({ rating }: { rating: number }) {
  return (
    <span class="stars" role="img" aria-label={`Rated ${rating} out of 5`}>
      {[1, 2, 3, 4, 5].map((n) => (
        <span key={n} class={n <= rating ? 'stars__on' : 'stars__off'}>
          <Icon name="star" size={14} />
        </span>
      ))}
    </span>
  );
}

/** An ended chat's rating, or "Not rated" when the customer gave none. */
export function ChatRating({ rating }: { rating: number | null }) {
  return rating !== null ? <Stars rating={rating} /> : <span class="muted small">Not rated</span>;
}
