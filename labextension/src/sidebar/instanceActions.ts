/**
 * The instance's buttons: exactly its state's actions (the primary one first) and, while it
 * starts, Stop (sent once it runs: stopWhenRunning.ts) or "Keep it running". Each button is
 * kept from one render to the next, and a busy one is aria-disabled rather than disabled, so
 * the keyboard focus stays on the button through its action.
 */
import { TranslationBundle } from '@jupyterlab/translation';

import { clockTime } from '../countdown';
import { stopStartingWords } from '../generated/stopStarting';
import { h, syncChildren } from '../dom';
import { StateAction } from '../phase';
import { ICodeLabModel, IStateView } from '../tokens';
import { openConfirmed, stopConfirmed } from '../userActions';
import { StopWhenRunning } from './stopWhenRunning';

type Control = StateAction | 'stop-starting' | 'keep-running';

export class InstanceActions {
  constructor(
    private readonly model: ICodeLabModel,
    private readonly trans: TranslationBundle,
    private readonly stopLater: StopWhenRunning
  ) {
    this.node = h('div', { class: 'jp-CodeLab-actions', 'data-testid': 'codelab-actions' });
  }

  readonly node: HTMLDivElement;

  /** The row for this state, or null when it offers nothing. */
  render(state: IStateView): HTMLDivElement | null {
    let controls: Control[] = [...state.actions];
    if (state.phase === 'starting') {
      controls = [this.stopLater.pending === this.model.notebook?.id ? 'keep-running' : 'stop-starting'];
    }
    syncChildren(this.node, ...controls.map((control, i) => this.update(control, i === 0)));
    return controls.length ? this.node : null;
  }

  private update(control: Control, primary: boolean): HTMLButtonElement {
    const { model, trans } = this;
    const __ = trans.__.bind(trans);
    const accept = primary ? 'jp-mod-accept' : '';
    let label: string;
    let title = '';
    let kind = accept;
    switch (control) {
      case 'extend': {
        const until = clockTime(model.extendedDeadline);
        label = __('Keep until %1', until);
        title = __('Move the automatic stop %1 h later, to %2.', model.settings.extendHours, until);
        break;
      }
      case 'stop':
        label = __('Stop');
        title = __('Stop %1 (asks first)', model.notebook?.name ?? '');
        kind = primary ? accept : 'jp-mod-warn';
        break;
      case 'start':
        label = model.busy === 'start' ? __('Starting…') : model.phase === 'failed' ? __('Start again') : __('Start');
        break;
      case 'open':
        label = model.busy === 'open' ? __('Opening…') : __('Open again');
        title = __('Open with the image and notebook URL below: this replaces the instance.');
        break;
      case 'stop-starting':
        label = __('Stop');
        title = stopStartingWords(__).stopTooltip;
        kind = 'jp-mod-warn';
        break;
      case 'keep-running':
        label = stopStartingWords(__).keep;
        title = stopStartingWords(__).keepTooltip;
        kind = '';
        break;
    }
    const button = this.button(control);
    button.className = `jp-Button jp-mod-styled jp-CodeLab-button ${kind}`.trim();
    button.textContent = label;
    button.title = title;
    button.setAttribute('aria-disabled', String(model.busy !== null));
    return button;
  }

  private button(control: Control): HTMLButtonElement {
    let button = this._buttons.get(control);
    if (!button) {
      const created = h('button', { type: 'button', 'data-testid': TESTIDS[control] });
      created.addEventListener('click', () => {
        if (created.getAttribute('aria-disabled') !== 'true') {
          void this.run(control);
        }
      });
      this._buttons.set(control, created);
      button = created;
    }
    return button;
  }

  private async run(control: Control): Promise<void> {
    const { model, trans } = this;
    switch (control) {
      case 'extend':
        return model.extend();
      case 'stop':
        return stopConfirmed(model, trans);
      case 'start':
        return model.start();
      case 'open':
        return openConfirmed(model, trans);
      case 'stop-starting':
        return this.stopLater.confirm(trans);
      case 'keep-running':
        return this.stopLater.cancel();
    }
  }

  private _buttons = new Map<Control, HTMLButtonElement>();
}

const TESTIDS: Record<Control, string> = {
  extend: 'codelab-extend',
  stop: 'codelab-stop',
  start: 'codelab-start',
  open: 'codelab-open-again',
  'stop-starting': 'codelab-stop-starting',
  'keep-running': 'codelab-keep-running'
};
