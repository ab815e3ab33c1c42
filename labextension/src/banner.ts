/**
 * The banner above the instance (the last action's error) belongs to the action that raised it
 * and to the instance's state at that moment: it goes when the state moves on (another status,
 * another notebook loaded, another instance, or none: the server's stream, a re-read, a send,
 * a stop from another face) or when the person acts again (the model clears it then). A failed load is about the server,
 * not an instance: it stays until "Retry". Pure: no DOM, no JupyterLab.
 */
import type { IActionError } from './actionError';
import type { INotebook } from './contracts';

type Keyed = Pick<INotebook, 'id' | 'status' | 'description'>;

/** What the banner is tied to: the instance, its status and its notebook ('' for no instance). */
export function stateKey(notebook: Keyed | null): string {
  return notebook ? JSON.stringify([notebook.id, notebook.status, notebook.description ?? '']) : '';
}

/** The error to show now, given the state it was raised in (`raisedAt`, a stateKey) and the instance now. */
export function shownError(error: IActionError | null, raisedAt: string, notebook: Keyed | null): IActionError | null {
  if (!error || error.action === 'load') {
    return error;
  }
  return raisedAt === stateKey(notebook) ? error : null;
}
