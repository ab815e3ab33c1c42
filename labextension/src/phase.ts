/**
 * Where an instance is in its life and what a person can do next, from its
 * ModelArts status, following the one vocabulary (generated/states.ts, from
 * jupyter_codelab/modelarts/states.py); and why it stopped when this tab saw
 * it stop. Pure: no DOM, no JupyterLab.
 */
import { Translate, untranslated } from './gettext';
import { IStateEntry, NO_INSTANCE, STATE_TABLE, StateAction, stateSentence, stateWords } from './generated/states';
import { INotebook, INotebookEvent, NotebookEventType } from './contracts';

export type { StateAction } from './generated/states';

/**
 * The model's phase: the vocabulary's phases, with `none` for its `gone` (no
 * instance, or a deleted one: the open form), plus the model's own `loading`
 * and `unavailable` (the server could not be asked).
 */
export type Phase =
  | 'loading'
  | 'unavailable'
  | 'none'
  | 'starting'
  | 'running'
  | 'busy'
  | 'stopping'
  | 'stopped'
  | 'failed'
  | 'frozen'
  | 'deleting';

export type InstancePhase = Exclude<Phase, 'loading' | 'unavailable'>;

/** A status as a face shows it: its words, its sentence and its buttons (the first is the primary one). */
export interface IStateView {
  status: string;
  phase: InstancePhase;
  words: string;
  sentence: string;
  actions: readonly StateAction[];
}

/** Why the instance is no longer running, when this tab saw it happen. */
export type StopNotice = 'lease-ended' | 'stopped-here' | 'stopped-elsewhere' | null;

/** A lease that ended this close to the stop explains it (polls are seconds apart). */
const LEASE_END_SLACK_MS = 5000;

function entryOf(status: string): IStateEntry | null {
  return status ? (STATE_TABLE[status] ?? null) : NO_INSTANCE;
}

export function notebookPhase(notebook: Pick<INotebook, 'status'> | null): InstancePhase {
  const entry = entryOf(notebook?.status ?? '');
  if (entry === null) {
    return 'busy'; // a status this table does not know: shown as it is, with no buttons
  }
  return entry.phase === 'gone' ? 'none' : entry.phase;
}

/** The words, sentence and actions of an instance's status (no instance: the open form). */
export function stateOf(notebook: Pick<INotebook, 'status'> | null, __: Translate = untranslated): IStateView {
  const status = notebook?.status ?? '';
  const entry = entryOf(status);
  if (entry === null) {
    const words = status.replace(/_/g, ' ').toLowerCase();
    return {
      status,
      phase: 'busy',
      words: words.charAt(0).toUpperCase() + words.slice(1),
      sentence: __('ModelArts reports the status %1.', status),
      actions: []
    };
  }
  return {
    status,
    phase: notebookPhase(notebook),
    words: stateWords(status, __) ?? status,
    sentence: stateSentence(status, __) ?? '',
    actions: entry.actions
  };
}

/** Phases the instance leaves by itself: the tab keeps the server's event stream open. */
export function isWatched(phase: Phase): boolean {
  return ['starting', 'running', 'busy', 'stopping', 'deleting'].includes(phase);
}

/**
 * Phases the tab follows through the server's event stream: those it watches, and a frozen,
 * stopped or failed instance, which changes when the arrears are settled, or when it is started
 * or deleted elsewhere. The server keeps their streams open (it ends one only after `deleted`);
 * if it ends one all the same, the browser reconnects by itself.
 */
export function isFollowed(phase: Phase): boolean {
  return isWatched(phase) || phase === 'frozen' || phase === 'stopped' || phase === 'failed';
}

/** Phases that show a spinner: something is happening, nothing to click. */
export function isTransient(phase: Phase): boolean {
  return ['busy', 'stopping', 'deleting'].includes(phase);
}

/**
 * A reconnected stream starts with a snapshot: one that shows another status than the tab knew
 * stands for that status's event (stopped, failed, deleted...), so nothing said about it is lost.
 */
export function asStatusEvent(event: INotebookEvent, known: Pick<INotebook, 'id' | 'status'> | null): INotebookEvent {
  const status = event.notebook?.status;
  if (event.type !== 'snapshot' || !status || (known?.id === event.notebook?.id && known?.status === status)) {
    return event;
  }
  return { ...event, type: (STATE_TABLE[status]?.event ?? 'status') as NotebookEventType };
}

export function stopNoticeFor(stopRequestedHere: boolean, deadline: number | null, now: number): StopNotice {
  if (stopRequestedHere) {
    return 'stopped-here';
  }
  return deadline !== null && now >= deadline - LEASE_END_SLACK_MS ? 'lease-ended' : 'stopped-elsewhere';
}

/**
 * A stopped instance starting again: ModelArts reports the creation's four
 * steps, all completed, while it starts; they say nothing about this start.
 */
export function isRestart(notebook: Pick<INotebook, 'status' | 'action_progress'> | null): boolean {
  const steps = notebook?.action_progress ?? [];
  return notebookPhase(notebook) === 'starting' && steps.length > 0 && steps.every(step => step.status === 'COMPLETED');
}
