/** The status bar item: the lease countdown (or the start progress); a click shows the panel. */
import { TranslationBundle } from '@jupyterlab/translation';
import { ISignal, Signal } from '@lumino/signaling';
import { Widget } from '@lumino/widgets';

import { formatRemaining, hasAutoStop } from './countdown';
import { isRestart } from './phase';
import { h } from './dom';
import { CodeLabChange, ICodeLabModel } from './tokens';

/** What the item shows: the instance's phase, progress and lease, and the warning setting. */
const SHOWN: readonly CodeLabChange[] = ['config', 'notebook', 'settings'];

export class CountdownStatus extends Widget {
  constructor(
    private readonly model: ICodeLabModel,
    private readonly trans: TranslationBundle,
    onClick: () => void
  ) {
    super({ node: h('button', { type: 'button', class: 'jp-CodeLab-status', 'data-testid': 'codelab-status' }) });
    this.node.addEventListener('click', onClick);
    model.changed.connect(this.onChange, this);
    model.tick.connect(this.render, this);
    this.render();
  }

  /** Emitted when `isActive` flips (the status bar shows the item only while active). */
  get activeStateChanged(): ISignal<this, void> {
    return this._activeStateChanged;
  }

  /** Shown only while an instance starts or runs. */
  get isActive(): boolean {
    const phase = this.model.phase;
    return phase === 'starting' || phase === 'running';
  }

  dispose(): void {
    this.model.changed.disconnect(this.onChange, this);
    this.model.tick.disconnect(this.render, this);
    super.dispose();
  }

  render(): void {
    const { model, trans } = this;
    let text = '';
    const remaining = model.remainingMs;
    if (model.phase === 'starting') {
      text = isRestart(model.notebook)
        ? trans.__('CodeLab: starting')
        : trans.__('CodeLab: starting %1%', Math.round(model.notebook?.progress ?? 0));
    } else if (model.phase === 'running') {
      if (remaining !== null) {
        text = trans.__('CodeLab: %1', formatRemaining(remaining));
      } else {
        text = hasAutoStop(model.notebook?.lease) ? trans.__('CodeLab: running') : trans.__('CodeLab: no auto-stop');
      }
    }
    // The warning window, as in the sidebar: the countdown turns to the warning colour.
    const warn = remaining !== null && remaining <= model.settings.warnMinutesBeforeStop * 60000;
    this.node.classList.toggle('jp-mod-warn', warn);
    if (this.node.textContent !== text) {
      this.node.textContent = text;
      this.node.title = trans.__(
        'CodeLab instance: time left before it stops by itself. Click to show the CodeLab panel.'
      );
    }
    this.setHidden(!text);
    if (this.isActive !== this._wasActive) {
      this._wasActive = this.isActive;
      this._activeStateChanged.emit();
    }
  }

  private onChange(_: ICodeLabModel, change: CodeLabChange): void {
    if (SHOWN.includes(change)) {
      this.render();
    }
  }

  private _activeStateChanged = new Signal<this, void>(this);
  private _wasActive = false;
}
