/**
 * A JupyterLab notification N minutes (a setting) before the automatic stop,
 * with an "Extend" action; once per lease, withdrawn when the lease moves.
 */
import { Notification } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';
import { IDisposable } from '@lumino/disposable';

import { clockTime, formatRemaining } from './countdown';
import { ICodeLabModel } from './tokens';

export class LeaseWarning implements IDisposable {
  constructor(
    private readonly model: ICodeLabModel,
    private readonly trans: TranslationBundle
  ) {
    model.tick.connect(this.check, this);
    model.changed.connect(this.check, this);
  }

  get isDisposed(): boolean {
    return this._disposed;
  }

  dispose(): void {
    this._disposed = true;
    this.model.tick.disconnect(this.check, this);
    this.model.changed.disconnect(this.check, this);
    this.withdraw();
  }

  private check(): void {
    const { model, trans } = this;
    const remaining = model.remainingMs;
    const threshold = model.settings.warnMinutesBeforeStop * 60000;
    const due = remaining !== null && remaining > 0 && threshold > 0 && remaining <= threshold;
    if (!due) {
      if (this._noticeId && (remaining === null || remaining > threshold)) {
        this.withdraw();
      }
      return;
    }
    // Deadlines are recomputed from each answer: a few seconds' jitter is the same lease.
    if (this._warnedFor !== null && Math.abs((model.deadline ?? 0) - this._warnedFor) < 5000) {
      return;
    }
    this.withdraw();
    this._warnedFor = model.deadline;
    this._noticeId = Notification.warning(
      trans.__(
        'Your CodeLab instance stops automatically in %1. Extend it to keep working.',
        formatRemaining(remaining)
      ),
      {
        autoClose: false,
        actions: [
          {
            label: trans.__('Keep until %1', clockTime(model.extendedDeadline)),
            caption: trans.__('Move the automatic stop %1 h later', model.settings.extendHours),
            callback: () => void model.extend()
          }
        ]
      }
    );
  }

  private withdraw(): void {
    if (this._noticeId) {
      Notification.dismiss(this._noticeId);
      this._noticeId = null;
    }
  }

  private _noticeId: string | null = null;
  private _warnedFor: number | null = null;
  private _disposed = false;
}
