/**
 * The current instance, whatever its status: its words and sentence (from the
 * one state vocabulary), exactly its actions as buttons (the primary one
 * first), and once it runs the link, the lease countdown and SSH (sshCard.ts,
 * loaded when first needed).
 */
import { TranslationBundle } from '@jupyterlab/translation';

import { clockTime, formatRemaining, hasAutoStop } from '../countdown';
import { h, setChildren } from '../dom';
import { errorCodeInWords, findErrorCode } from '../errorWords';
import { ICodeLabModel, IStateView, StopNotice } from '../tokens';
import { isTransient, StateAction } from '../phase';
import { INotebook } from '../contracts';
import { openConfirmed, stopConfirmed } from '../userActions';
import type { SshCard } from './sshCard';
import { ModelView } from './view';

export class InstanceView extends ModelView {
  constructor(model: ICodeLabModel, trans: TranslationBundle) {
    super(model, trans, ['notebook', 'action', 'config', 'settings']);
    this.addClass('jp-CodeLab-instance');
    this._countdown = h('span', { class: 'jp-CodeLab-countdown', 'data-testid': 'codelab-countdown', role: 'timer' });
    this._body = h('div', { class: 'jp-CodeLab-instanceBody' });
    this.node.append(this._body);
    model.tick.connect(this.renderCountdown, this);
    this.render();
  }

  dispose(): void {
    this.model.tick.disconnect(this.renderCountdown, this);
    super.dispose();
  }

  render(): void {
    const { model } = this;
    const notebook = model.notebook;
    const state = model.state;
    this.node.dataset.phase = model.phase;
    this.node.dataset.status = state.status;
    if (!notebook || state.phase === 'none') {
      this.setHidden(true);
      setChildren(this._body);
      return;
    }
    const rows: HTMLElement[] = [this.stateLine(notebook, state), this.sentence(state)];
    const reason = state.phase === 'stopped' ? this.stopReason(model.stopNotice) : null;
    if (reason) {
      rows.push(h('p', { class: 'jp-CodeLab-stopReason', 'data-testid': 'codelab-stop-reason' }, reason));
    }
    if (state.phase === 'failed' || state.phase === 'frozen') {
      rows.push(...this.failure(notebook));
    }
    if (state.phase === 'running') {
      rows.push(...this.running(notebook));
    }
    if (state.actions.length) {
      rows.push(
        h(
          'div',
          { class: 'jp-CodeLab-actions', 'data-testid': 'codelab-actions' },
          ...state.actions.map((a, i) => this.actionButton(a, i === 0))
        )
      );
    }
    if (state.phase === 'running') {
      rows.push(...this.ssh(notebook));
    }
    this.setHidden(false);
    setChildren(this._body, ...rows);
    this.renderCountdown();
  }

  private stateLine(notebook: INotebook, state: IStateView): HTMLElement {
    return h(
      'p',
      { class: 'jp-CodeLab-state', 'data-testid': 'codelab-state' },
      state.words,
      ' ',
      h('span', { class: 'jp-CodeLab-name' }, notebook.name ?? notebook.id)
    );
  }

  private sentence(state: IStateView): HTMLElement {
    const busy = isTransient(state.phase);
    return h(
      'p',
      { class: 'jp-CodeLab-sentence', 'data-testid': 'codelab-sentence', 'aria-busy': busy ? 'true' : null },
      ...(busy
        ? [h('span', { class: 'jp-CodeLab-spinner', 'data-testid': 'codelab-spinner', 'aria-hidden': 'true' })]
        : []),
      state.sentence
    );
  }

  private failure(notebook: INotebook): HTMLElement[] {
    if (!notebook.fail_reason) {
      return [];
    }
    const code = findErrorCode(notebook.fail_reason);
    const words = errorCodeInWords(code, this.trans.__.bind(this.trans));
    return [
      h(
        'div',
        { class: 'jp-CodeLab-failure', 'data-testid': 'codelab-failure' },
        h('p', { class: 'jp-CodeLab-failReason', 'data-testid': 'codelab-fail-reason' }, notebook.fail_reason),
        ...(words ? [h('p', { class: 'jp-CodeLab-failAdvice' }, `${code}: ${words}`)] : [])
      )
    ];
  }

  private running(notebook: INotebook): HTMLElement[] {
    const { trans } = this;
    const rows: HTMLElement[] = [];
    // Only RUNNING means running: `url` is there from CREATING on.
    if (notebook.status === 'RUNNING' && notebook.url) {
      rows.push(
        h(
          'p',
          {},
          h(
            'a',
            {
              class: 'jp-CodeLab-link jp-mod-styled',
              href: notebook.url,
              target: '_blank',
              rel: 'noopener noreferrer',
              'data-testid': 'codelab-open-tab'
            },
            trans.__('Open in new tab')
          )
        )
      );
    }
    rows.push(
      hasAutoStop(notebook.lease)
        ? h('p', { class: 'jp-CodeLab-lease' }, h('span', {}, trans.__('Stops automatically in')), ' ', this._countdown)
        : h(
            'p',
            { class: 'jp-CodeLab-lease', 'data-testid': 'codelab-no-auto-stop' },
            trans.__('No auto-stop: the instance runs until you stop it.')
          )
    );
    return rows;
  }

  /** The SSH card, once its chunk is here; the first instance with endpoints fetches it. */
  private ssh(notebook: INotebook): HTMLElement[] {
    if (this._ssh) {
      return this._ssh.render(notebook);
    }
    if (notebook.endpoints?.length && !this._sshLoading) {
      this._sshLoading = true;
      void import('./sshCard').then(
        ({ SshCard }) => {
          this._ssh = new SshCard(this.trans);
          if (!this.isDisposed) {
            this.render();
          }
        },
        reason => {
          this._sshLoading = false;
          console.error('jupyter-codelab: the SSH card could not load.', reason);
        }
      );
    }
    return [];
  }

  private actionButton(action: StateAction, primary: boolean): HTMLButtonElement {
    const { model, trans } = this;
    const busy = model.busy !== null;
    const kind = primary ? 'jp-mod-accept' : '';
    switch (action) {
      case 'extend': {
        const until = clockTime(model.extendedDeadline);
        const button = this.button(
          trans.__('Keep until %1', until),
          'codelab-extend',
          busy,
          () => void model.extend(),
          kind
        );
        button.title = trans.__('Move the automatic stop %1 h later, to %2.', model.settings.extendHours, until);
        return button;
      }
      case 'stop': {
        const button = this.button(
          trans.__('Stop'),
          'codelab-stop',
          busy,
          () => void stopConfirmed(model, trans),
          primary ? kind : 'jp-mod-warn'
        );
        button.title = trans.__('Stop %1 (asks first)', model.notebook?.name ?? '');
        return button;
      }
      case 'start': {
        const again = model.phase === 'failed';
        const label =
          model.busy === 'start' ? trans.__('Starting…') : again ? trans.__('Start again') : trans.__('Start');
        return this.button(label, 'codelab-start', busy, () => void model.start(), kind);
      }
      case 'open': {
        const button = this.button(
          model.busy === 'open' ? trans.__('Opening…') : trans.__('Open again'),
          'codelab-open-again',
          busy,
          () => void openConfirmed(model, trans),
          kind
        );
        button.title = trans.__('Open with the image and notebook URL below: this replaces the instance.');
        return button;
      }
    }
  }

  private stopReason(notice: StopNotice): string | null {
    const __ = this.trans.__.bind(this.trans);
    switch (notice) {
      case 'lease-ended':
        return __('The instance stopped: its time ran out (automatic stop).');
      case 'stopped-elsewhere':
        return __('The instance was stopped from elsewhere.');
      default:
        return null;
    }
  }

  private renderCountdown(): void {
    const remaining = this.model.remainingMs;
    const text = remaining === null ? this.trans.__('never') : formatRemaining(remaining);
    if (this._countdown.textContent !== text) {
      this._countdown.textContent = text;
      this._countdown.classList.toggle(
        'jp-mod-warn',
        remaining !== null && remaining <= this.model.settings.warnMinutesBeforeStop * 60000
      );
    }
  }

  private button(label: string, testid: string, disabled: boolean, onClick: () => void, extra = ''): HTMLButtonElement {
    const button = h(
      'button',
      { type: 'button', class: `jp-Button jp-mod-styled jp-CodeLab-button ${extra}`, 'data-testid': testid, disabled },
      label
    );
    button.addEventListener('click', onClick);
    return button;
  }

  private _countdown: HTMLSpanElement;
  private _ssh: SshCard | null = null;
  private _sshLoading = false;
  private _body: HTMLDivElement;
}
