// Short-lived notices ("Chat transferred to Kofi", "Could not save"), shown by the Toaster.
import { Observable } from './observable.js';

export interface Toast {
  id: number;
  tone: 'success' | 'danger' | 'info';
  text: string;
}

const SHOWN_MS = 5000;
let nextId = 0;

export const toasts = new Observable<readonly Toast[]>([]);

export function dismissToast(id: number): void {
  toasts.update((list) => list.filter((t) => t.id !== id));
}

export function showToast(text: string, tone: Toast['tone'] = 'success'): void {
  const id = ++nextId;
  toasts.update((list) => [...list.slice(-3), { id, tone, text }]);
  setTimeout(() => dismissToast(id), SHOWN_MS);
}
