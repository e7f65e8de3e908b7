// A topic's slug proposed from its name, in the form the API accepts (shared/teamsApi.ts).
import { LIMITS } from '../../shared/vocabulary.js';

/** "Fees and payments" → "fees-and-payments"; "Wi-Fi & accounts" → "wi-fi-accounts". */
export const slugFor = (name: string): string =>
  name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, LIMITS.topicSlug)
    .replace(/-+$/, '');
