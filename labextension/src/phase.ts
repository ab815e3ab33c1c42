/**
 * Where an instance is in its life, from its ModelArts status, and why it
 * stopped when this tab saw it stop. Pure: no DOM, no JupyterLab.
 */
import { FAILED_STATUSES, INotebook, STARTING_STATUSES, STOPPED_STATUSES } from './tokens';

export type Phase =
  | 'loading'
  | 'unavailable'
  | 'none'
  | 'starting'
  | 'running'
  | 'stopping'
  | 'stopped'
  | 'failed';

/** Why the instance is no longer running, when this tab saw it happen. */
export type StopNotice = 'lease-ended' | 'stopped-here' | 'stopped-elsewhere' | 'deleted' | null;

/** A lease that ended this close to the stop explains it (polls are seconds apart). */
const LEASE_END_SLACK_MS = 5000;

export function notebookPhase(notebook: INotebook | null): Exclude<Phase, 'loading' | 'unavailable'> {
  const status = notebook?.status;
  if (!status || status === 'DELETED') {
    return 'none';
  }
  if (STARTING_STATUSES.has(status)) {
    return 'starting';
  }
  if (FAILED_STATUSES.has(status)) {
    return 'failed';
  }
  if (STOPPED_STATUSES.has(status)) {
    return 'stopped';
  }
  return status === 'STOPPING' || status === 'DELETING' ? 'stopping' : 'running';
}

export function stopNoticeFor(
  event: 'stopped' | 'deleted',
  stopRequestedHere: boolean,
  deadline: number | null,
  now: number
): StopNotice {
  if (event === 'deleted') {
    return 'deleted';
  }
  if (stopRequestedHere) {
    return 'stopped-here';
  }
  return deadline !== null && now >= deadline - LEASE_END_SLACK_MS ? 'lease-ended' : 'stopped-elsewhere';
}
