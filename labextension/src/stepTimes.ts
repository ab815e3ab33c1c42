/**
 * How long each start step took, as this tab saw it (as JupyterHub's spawn log shows each
 * event with its time): a step's clock starts when it is first seen in progress (or when the
 * step before it ended) and stops when it is first seen completed. A tab that joins a start
 * half-way counts from then. Pure: no DOM, no JupyterLab.
 */
import { IStep } from './contracts';

interface ISpan {
  start: number;
  end: number | null;
}

export class StepClock {
  /** Note what the steps say at `now` (a new instance id starts afresh). */
  observe(notebookId: string, steps: readonly IStep[], since: number | null, now: number): void {
    if (notebookId !== this._id) {
      this._id = notebookId;
      this._spans.clear();
    }
    let previousEnd = since ?? now;
    for (const step of [...steps].sort((a, b) => a.step - b.step)) {
      const status = (step.status ?? '').toUpperCase();
      let span = this._spans.get(step.step);
      if (!span && (status === 'PROCESSING' || status === 'COMPLETED' || status === 'FAILED')) {
        span = { start: Math.min(previousEnd, now), end: null };
        this._spans.set(step.step, span);
      }
      if (span && span.end === null && (status === 'COMPLETED' || status === 'FAILED')) {
        span.end = now;
      }
      previousEnd = span?.end ?? now;
    }
  }

  /** The step's time so far (or in all, once it ended); null before it started. */
  elapsed(step: number, now: number): number | null {
    const span = this._spans.get(step);
    return span ? (span.end ?? now) - span.start : null;
  }

  private _id = '';
  private _spans = new Map<number, ISpan>();
}

/** `0:07`, `12:05`, `1:02:03`: minutes and seconds, hours when there are some. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const [hours, minutes, seconds] = [Math.floor(total / 3600), Math.floor((total % 3600) / 60), total % 60];
  const ss = String(seconds).padStart(2, '0');
  return hours ? `${hours}:${String(minutes).padStart(2, '0')}:${ss}` : `${minutes}:${ss}`;
}
