/**
 * The current instance, whatever its status: its words and sentence (from the
 * one state vocabulary), its buttons (instanceActions.ts), what to do when it
 * is frozen (frozenHelp.ts), and once it runs the link, the lease countdown
 * and SSH (sshCard.ts, loaded when first needed). Its parts are kept from one
 * render to the next, so the keyboard focus stays put; when an action takes
 * away the focused control, the focus goes to the control that follows from it.
 */
import { TranslationBundle } from '@jupyterlab/translation';

import { formatRemaining, hasAutoStop } from '../countdown';
import { h, setChildren, syncChildren } from '../dom';
import { errorCodeInWords, findErrorCode } from '../errorWords';
import { stopStartingWords } from '../generated/stopStarting';
import { ICodeLabModel, IStateView, Phase, StopNotice } from '../tokens';
import { isTransient } from '../phase';
import { INotebook } from '../contracts';
import { FocusHandoff } from './focusHandoff';
import { FrozenHelp } from './frozenHelp';
import { InstanceActions } from './instanceActions';
import type { SshCard } from './sshCard';
import { StopWhenRunning } from './stopWhenRunning';
import { ModelView } from './view';

/** The control a settled state leads to, the first one shown (the state line otherwise). */
const NEXT_CONTROL: Partial<Record<Phase, string[]>> = {
  running: ['codelab-open-tab', 'codelab-extend'],
  stopped: ['codelab-start'],
  failed: ['codelab-start', 'codelab-open-again'],
  frozen: ['codelab-check-again'],
  starting: ['codelab-keep-running']
};

export class InstanceView extends ModelView {
  constructor(
    model: ICodeLabModel,
    trans: TranslationBundle,
    private readonly handoff: FocusHandoff,
    private readonly stopLater: StopWhenRunning
  ) {
    super(model, trans, ['notebook', 'action', 'config', 'settings']);
    this.addClass('jp-CodeLab-instance');
    this._actions = new InstanceActions(model, trans, stopLater);
    this._frozen = new FrozenHelp(model, trans);
    this._state = h('p', { class: 'jp-CodeLab-state', 'data-testid': 'codelab-state', tabindex: -1 });
    this._sentence = h('p', { class: 'jp-CodeLab-sentence', 'data-testid': 'codelab-sentence' });
    this._stopReason = h('p', { class: 'jp-CodeLab-stopReason', 'data-testid': 'codelab-stop-reason' });
    this._pendingStop = h(
      'p',
      { class: 'jp-CodeLab-pendingStop', 'data-testid': 'codelab-pending-stop', role: 'status' },
      stopStartingWords(trans.__.bind(trans)).pending
    );
    this._failure = h('div', { class: 'jp-CodeLab-failure', 'data-testid': 'codelab-failure' });
    this._openTab = h(
      'a',
      {
        class: 'jp-CodeLab-link jp-mod-styled',
        target: '_blank',
        rel: 'noopener noreferrer',
        'data-testid': 'codelab-open-tab'
      },
      trans.__('Open in new tab')
    );
    this._openTabRow = h('p', {}, this._openTab);
    this._countdown = h('span', { class: 'jp-CodeLab-countdown', 'data-testid': 'codelab-countdown', role: 'timer' });
    this._lease = h(
      'p',
      { class: 'jp-CodeLab-lease' },
      h('span', {}, trans.__('Stops automatically in')),
      ' ',
      this._countdown
    );
    this._noAutoStop = h(
      'p',
      { class: 'jp-CodeLab-lease', 'data-testid': 'codelab-no-auto-stop' },
      trans.__('No auto-stop: the instance runs until you stop it.')
    );
    this._body = h('div', { class: 'jp-CodeLab-instanceBody' });
    this.node.append(this._body);
    model.tick.connect(this.renderCountdown, this);
    stopLater.changed.connect(this.render, this);
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
    const focused = document.activeElement;
    const hadFocus = focused instanceof HTMLElement && this.node.contains(focused);
    this.node.dataset.phase = model.phase;
    this.node.dataset.status = state.status;
    if (!notebook || state.phase === 'none') {
      this.setHidden(true);
      setChildren(this._body);
      if (hadFocus) {
        this.handoff.pass('codelab-open'); // gone: the open form is what follows
      }
      this._phase = null;
      return;
    }
    const rows: HTMLElement[] = [this.stateLine(notebook, state), this.sentence(state)];
    const reason = state.phase === 'stopped' ? this.stopReason(model.stopNotice) : null;
    this._stopReason.textContent = reason ?? '';
    if (reason) {
      rows.push(this._stopReason);
    }
    const failure = state.phase === 'failed' || state.phase === 'frozen' ? this.failure(notebook) : null;
    if (failure) {
      rows.push(failure);
    }
    if (state.phase === 'frozen') {
      rows.push(this._frozen.node);
    } else {
      this._frozen.clear();
    }
    if (state.phase === 'running') {
      rows.push(...this.running(notebook));
    }
    const actions = this._actions.render(state);
    if (state.phase === 'starting' && this.stopLater.pending === notebook.id) {
      rows.push(this._pendingStop);
    }
    if (actions) {
      rows.push(actions);
    }
    if (state.phase === 'running') {
      rows.push(...this.ssh(notebook));
    }
    this.setHidden(false);
    syncChildren(this._body, ...rows);
    this.renderCountdown();
    this.placeFocus(hadFocus, state.phase);
    this.handoff.settle();
  }

  /**
   * The focused control went away (Start once it starts, Stop once it stops...): focus the
   * control that follows from the action, else the state line; once the state settles, move
   * on from the state line to the control it leads to (Running: "Open in new tab").
   */
  private placeFocus(hadFocus: boolean, phase: Phase): void {
    const next = NEXT_CONTROL[phase] ?? [];
    if (hadFocus && !this.node.contains(document.activeElement)) {
      if (!this.handoff.focus(...next)) {
        this._state.focus();
      }
    } else if (document.activeElement === this._state && phase !== this._phase) {
      this.handoff.focus(...next);
    }
    this._phase = phase;
  }

  private stateLine(notebook: INotebook, state: IStateView): HTMLElement {
    setChildren(this._state, state.words, ' ', h('span', { class: 'jp-CodeLab-name' }, notebook.name ?? notebook.id));
    return this._state;
  }

  private sentence(state: IStateView): HTMLElement {
    const busy = isTransient(state.phase);
    if (busy) {
      this._sentence.setAttribute('aria-busy', 'true');
    } else {
      this._sentence.removeAttribute('aria-busy');
    }
    setChildren(
      this._sentence,
      ...(busy
        ? [h('span', { class: 'jp-CodeLab-spinner', 'data-testid': 'codelab-spinner', 'aria-hidden': 'true' })]
        : []),
      state.sentence
    );
    return this._sentence;
  }

  /**
   * The failure's reason and its code in words; none while an action's error is shown
   * above: one banner at a time, the newer one.
   */
  private failure(notebook: INotebook): HTMLElement | null {
    if (!notebook.fail_reason || this.model.error) {
      return null;
    }
    const code = findErrorCode(notebook.fail_reason);
    const words = errorCodeInWords(code, this.trans.__.bind(this.trans));
    setChildren(
      this._failure,
      h('p', { class: 'jp-CodeLab-failReason', 'data-testid': 'codelab-fail-reason' }, notebook.fail_reason),
      ...(words ? [h('p', { class: 'jp-CodeLab-failAdvice' }, `${code}: ${words}`)] : [])
    );
    return this._failure;
  }

  private running(notebook: INotebook): HTMLElement[] {
    const rows: HTMLElement[] = [];
    // Only RUNNING means running: `url` is there from CREATING on.
    if (notebook.status === 'RUNNING' && notebook.url) {
      this._openTab.href = notebook.url;
      rows.push(this._openTabRow);
    }
    rows.push(hasAutoStop(notebook.lease) ? this._lease : this._noAutoStop);
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

  private _actions: InstanceActions;
  private _frozen: FrozenHelp;
  private _state: HTMLParagraphElement;
  private _sentence: HTMLParagraphElement;
  private _stopReason: HTMLParagraphElement;
  private _pendingStop: HTMLParagraphElement;
  private _failure: HTMLDivElement;
  private _openTab: HTMLAnchorElement;
  private _openTabRow: HTMLParagraphElement;
  private _lease: HTMLParagraphElement;
  private _noAutoStop: HTMLParagraphElement;
  private _countdown: HTMLSpanElement;
  private _ssh: SshCard | null = null;
  private _sshLoading = false;
  private _body: HTMLDivElement;
  private _phase: Phase | null = null;
}
