/**
 * JupyterLab notifications for what happens while the sidebar may be closed:
 * an extended lease (with its new stop time), a failed start, an automatic
 * stop; and the open form's notices (switched image, loaded notebook) when
 * the panel is not in view. The lease warning has its own module.
 */
import { Notification } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';
import { IDisposable } from '@lumino/disposable';

import { clockTime } from './countdown';
import { ICodeLabModel, Outcome } from './tokens';
import { noticeText } from './notice';
import { stateOf } from './phase';

export class OutcomeNotifications implements IDisposable {
  constructor(
    private readonly model: ICodeLabModel,
    private readonly trans: TranslationBundle,
    private readonly showPanel: () => void,
    private readonly panelInView: () => boolean
  ) {
    model.outcome.connect(this.onOutcome, this);
  }

  get isDisposed(): boolean {
    return this._disposed;
  }

  dispose(): void {
    this._disposed = true;
    this.model.outcome.disconnect(this.onOutcome, this);
  }

  private onOutcome(_: ICodeLabModel, outcome: Outcome): void {
    const __ = this.trans.__.bind(this.trans);
    const show = { label: __('Show CodeLab'), callback: () => this.showPanel() };
    switch (outcome.kind) {
      case 'extended':
        Notification.success(
          [
            outcome.deadline === null
              ? __('Extended: your CodeLab instance has no auto-stop.')
              : __('Extended: your CodeLab instance now stops at %1.', clockTime(outcome.deadline)),
            outcome.note ?? '' // the server's word when the stop is not where asked (ModelArts' 72 h cap)
          ]
            .join(' ')
            .trim(),
          { autoClose: outcome.note ? 10000 : 5000 }
        );
        return;
      case 'failed': {
        const state = stateOf(outcome.notebook, __);
        const reason = outcome.notebook.fail_reason ? ` ${outcome.notebook.fail_reason}` : '';
        Notification.error(
          __('CodeLab instance %1: %2.%3 %4', outcome.notebook.name, state.words, reason, state.sentence),
          {
            autoClose: false,
            actions: [show]
          }
        );
        return;
      }
      case 'auto-stopped':
        Notification.info(
          __(
            'Your CodeLab instance %1 stopped by itself: its time ran out. Its files are kept: start it again from the CodeLab panel.',
            outcome.notebook.name
          ),
          { autoClose: false, actions: [show] }
        );
        return;
      case 'notice':
        if (!this.panelInView()) {
          Notification.info(noticeText(outcome.notice, this.model.state.phase, __), {
            autoClose: 8000,
            actions: [show]
          });
        }
        return;
    }
  }

  private _disposed = false;
}
