// The slice of a user row that other records carry: who a customer, agent or sender is.
import type { Role } from '../../shared/vocabulary.js';

export interface PersonRecord {
  id: string;
  name: string;
  email: string | null;
  role: Role;
}
