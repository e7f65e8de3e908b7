// The rating a customer gives, after a chat and by a ticket's survey link: 1 to 5 stars, each a
// radio button named for screen readers ("4 of 5, Good"), the chosen word under them, and an
// optional comment.
import { LIMITS } from '../../shared/vocabulary.js';
import { cx } from './classNames.js';
import { Field } from './Field.js';
import { Icon } from './Icon.js';

/** What each number of stars means, 1 first. */
export const RATING_WORDS = ['Very poor', 'Poor', 'Okay', 'Good', 'Excellent'];

export function RatingFields(props: {
  question: string;
  rating: number;
  onRating: (rating: number) => void;
  comment: string;
  onComment: (comment: string) => void;
  commentRows?: number;
}) {
  const { rating } = props;
  return (
    <>
      <fieldset class="rating__stars">
        <legend class="rating__title">{props.question}</legend>
        <div class="rating__choices">
          {RATING_WORDS.map((word, index) => {
            const value = index + 1;
            return (
              <label
                key={value}
                class={cx('rating__star', value <= rating && 'rating__star--on')}
                title={word}
              >
                <input
                  type="radio"
                  name="rating"
                  value={value}
                  checked={rating === value}
                  onChange={() => props.onRating(value)}
                />
                <Icon name="star" size={28} />
                <span class="sr-only">
                  {value} of 5, {word}
                </span>
              </label>
            );
          })}
        </div>
        <p class="rating__word" aria-hidden="true">
          {rating ? RATING_WORDS[rating - 1] : 'Choose 1 to 5 stars'}
        </p>
      </fieldset>
      <Field label="Anything you would like to add?" optional>
        {(control) => (
          <textarea
            {...control}
            class="input textarea"
            rows={props.commentRows ?? 2}
            maxLength={LIMITS.feedback}
            value={props.comment}
            onInput={(e) => props.onComment(e.currentTarget.value)}
          />
        )}
      </Field>
    </>
  );
}
