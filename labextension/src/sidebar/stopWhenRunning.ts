/**
 * Stop while it starts: ModelArts refuses to stop an instance before it runs (ModelArts.6357,
 * which the server reads as "not found"), so the way out of a slow start is a stop asked for
 * now and sent once the instance runs. It lasts as long as this page: a reload drops it (and
 * says nothing was stopped: the instance view shows the plain start again).
 */
import { TranslationBundle } from '@jupyterlab/translation';
import { ISignal, Signal } from '@lumino/signaling';

import { stopTitle } from '../generated/states';
import { stopStartingQuestion } from '../generated/stopStarting';
import { imageLabel } from '../notice';
import { ICodeLabModel } from '../tokens';
import { confirm } from '../userActions';

export class StopWhenRunning {
  constructor(private readonly model: ICodeLabModel) {
    model.changed.connect(this.onChange, this);
  }

  get changed(): ISignal<this, void> {
    return this._changed;
  }

  /** The instance to stop once it runs, if asked. */
  get pending(): string | null {
    return this._pending;
  }

  /** Ask (naming the instance), then stop it as soon as it runs. */
  async confirm(trans: TranslationBundle): Promise<void> {
    const notebook = this.model.notebook;
    if (!notebook || this.model.phase !== 'starting') {
      return;
    }
    const __ = trans.__.bind(trans);
    const body = stopStartingQuestion(notebook.name ?? notebook.id, imageLabel(notebook.image), __);
    if (await confirm(stopTitle(__), body, __('Stop'), trans)) {
      this.request();
    }
  }

  /** Stop the current (starting) instance as soon as it runs. */
  request(): void {
    this.set(this.model.phase === 'starting' ? (this.model.notebook?.id ?? null) : null);
  }

  cancel(): void {
    this.set(null);
  }

  dispose(): void {
    this.model.changed.disconnect(this.onChange, this);
    Signal.clearData(this);
  }

  private onChange(): void {
    const { model } = this;
    if (this._pending === null) {
      return;
    }
    if (model.notebook?.id !== this._pending || !['starting', 'running'].includes(model.phase)) {
      this.set(null); // it failed, vanished or was stopped elsewhere: nothing left to stop
    } else if (model.phase === 'running' && model.busy === null) {
      this.set(null);
      void Promise.resolve().then(() => model.stop()); // after this change has reached every view
    }
  }

  private set(id: string | null): void {
    if (id !== this._pending) {
      this._pending = id;
      this._changed.emit();
    }
  }

  private _pending: string | null = null;
  private _changed = new Signal<this, void>(this);
}
