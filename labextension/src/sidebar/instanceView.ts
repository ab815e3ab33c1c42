/**
 * The instance once it runs (open in a new tab, SSH, lease countdown, Extend,
 * Stop) and once it has stopped (why, and Start).
 */
import { Clipboard } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';

import { formatRemaining } from '../countdown';
import { h, setChildren } from '../dom';
import { CodeLabModel, StopNotice } from '../model';
import { sshConfig, sshEndpoint, sshKeyNames } from '../ssh';
import { ModelView } from './view';

export class InstanceView extends ModelView {
  constructor(model: CodeLabModel, trans: TranslationBundle) {
    super(model, trans);
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
    const phase = this.model.phase;
    this.node.dataset.phase = phase;
    if (phase === 'running') {
      this.renderRunning();
    } else if (phase === 'stopping') {
      this.showParts(h('p', { class: 'jp-CodeLab-state', 'data-testid': 'codelab-state' }, this.trans.__('Stopping…')));
    } else if (phase === 'stopped') {
      this.renderStopped();
    } else {
      this.showParts();
    }
  }

  private showParts(...children: HTMLElement[]): void {
    this.setHidden(children.length === 0);
    setChildren(this._body, ...children);
  }

  private renderRunning(): void {
    const { model, trans } = this;
    const notebook = model.notebook!;
    const busy = model.busy !== null;
    const link = h(
      'a',
      {
        class: 'jp-CodeLab-link jp-mod-styled',
        href: notebook.url ?? '#',
        target: '_blank',
        rel: 'noopener noreferrer',
        'data-testid': 'codelab-open-tab'
      },
      trans.__('Open in new tab')
    );
    const extend = this.button(trans.__('Extend by %1 h', model.settings.extendHours), 'codelab-extend', busy, () =>
      void model.extend()
    );
    extend.title = trans.__('Keep the instance running %1 hour(s) from now.', model.settings.extendHours);
    const stop = this.button(trans.__('Stop'), 'codelab-stop', busy, () => void model.stop(), 'jp-mod-warn');
    const rows: HTMLElement[] = [
      h('p', { class: 'jp-CodeLab-state', 'data-testid': 'codelab-state' }, trans.__('Running'), ' ', h('span', { class: 'jp-CodeLab-name' }, notebook.name)),
      h('p', { class: 'jp-CodeLab-lease' }, h('span', {}, trans.__('Stops automatically in')), ' ', this._countdown),
      h('div', { class: 'jp-CodeLab-actions' }, link, extend, stop)
    ];
    const ssh = sshEndpoint(notebook.endpoints);
    if (ssh) {
      const config = sshConfig(ssh, `codelab-${notebook.name}`);
      const keys = sshKeyNames(ssh); // key_pair_names (EndpointsRes), or ssh_keys from an older server
      rows.push(
        h(
          'div',
          { class: 'jp-CodeLab-ssh', 'data-testid': 'codelab-ssh' },
          h('span', { class: 'jp-CodeLab-label' }, trans.__('SSH')),
          h('code', { class: 'jp-CodeLab-sshUri', title: keys.length ? trans.__('Key pairs: %1', keys.join(', ')) : null }, ssh.uri),
          this.button(trans.__('Copy SSH config'), 'codelab-copy-ssh', false, () => Clipboard.copyToSystem(config))
        )
      );
    }
    this.showParts(...rows);
    this.renderCountdown();
  }

  private renderStopped(): void {
    const { model, trans } = this;
    this.showParts(
      h('p', { class: 'jp-CodeLab-state', 'data-testid': 'codelab-state' }, this.stoppedText(model.stopNotice)),
      h(
        'div',
        { class: 'jp-CodeLab-actions' },
        this.button(
          model.busy === 'start' ? trans.__('Starting…') : trans.__('Start'),
          'codelab-start',
          model.busy !== null,
          () => void model.start(),
          'jp-mod-accept'
        )
      )
    );
  }

  private stoppedText(notice: StopNotice): string {
    const __ = this.trans.__.bind(this.trans);
    switch (notice) {
      case 'lease-ended':
        return __('The instance stopped: its time ran out (automatic stop).');
      case 'stopped-here':
        return __('The instance is stopped.');
      case 'stopped-elsewhere':
        return __('The instance was stopped from elsewhere.');
      default:
        return __('The instance is stopped.');
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
    const button = h('button', { type: 'button', class: `jp-mod-styled jp-CodeLab-button ${extra}`, 'data-testid': testid, disabled }, label);
    button.addEventListener('click', onClick);
    return button;
  }

  private _countdown: HTMLSpanElement;
  private _body: HTMLDivElement;
}
