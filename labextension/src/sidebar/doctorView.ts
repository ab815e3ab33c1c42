/**
 * "Check connection" in the account view: GET codelab/api/doctor (the server runs
 * the checks, where the credentials are), shown one line per check: ✓, ✗ with its
 * fix, or – (not checked, and why). The lines describe one account: they go
 * away when the mode, endpoint or project changes. Imported by the account view only.
 */
import { ServerConnection } from '@jupyterlab/services';
import { TranslationBundle } from '@jupyterlab/translation';

import { IConfig, IDoctorCheck, IDoctorReport } from '../contracts';
import { h, setChildren } from '../dom';
import { requestAPI } from '../request';

export function getDoctor(settings: ServerConnection.ISettings): Promise<IDoctorReport> {
  return requestAPI<IDoctorReport>('doctor', settings);
}

export class DoctorView {
  constructor(
    private readonly settings: ServerConnection.ISettings,
    private readonly trans: TranslationBundle
  ) {
    const __ = trans.__.bind(trans);
    this.button = h(
      'button',
      { type: 'button', class: 'jp-mod-styled jp-CodeLab-button', 'data-testid': 'codelab-doctor' },
      __('Check connection')
    );
    this.button.title = __('Check the credentials, region, IAM, ModelArts, the clock, TLS, proxies and the OBS bucket');
    this.button.addEventListener('click', () => void this.check());
    this.node = h('div', {
      class: 'jp-CodeLab-doctor',
      'data-testid': 'codelab-doctor-report',
      role: 'status',
      'aria-live': 'polite'
    });
    this.node.hidden = true;
  }

  readonly button: HTMLButtonElement;
  readonly node: HTMLDivElement;

  /** Forget the lines when the account they describe is not the one in use any more. */
  follow(config: IConfig): void {
    const account = `${config.mode} ${config.endpoint} ${config.project_id}`;
    if (account !== this._account) {
      this._account = account;
      this.node.hidden = true;
      setChildren(this.node);
    }
  }

  async check(): Promise<void> {
    if (this.button.disabled) {
      return;
    }
    const __ = this.trans.__.bind(this.trans);
    this.button.disabled = true;
    this.button.textContent = __('Checking…');
    try {
      this.show(await getDoctor(this.settings));
    } catch (reason) {
      const message = reason instanceof Error ? reason.message : String(reason);
      setChildren(this.node, h('p', { class: 'jp-CodeLab-fieldProblem' }, __('The check could not run: %1', message)));
    } finally {
      this.node.hidden = false;
      this.button.disabled = false;
      this.button.textContent = __('Check connection');
    }
  }

  private show(report: IDoctorReport): void {
    setChildren(
      this.node,
      h('ul', { class: 'jp-CodeLab-doctorChecks' }, ...report.checks.map(check => this.line(check))),
      h('p', { class: 'jp-CodeLab-doctorSummary', 'data-testid': 'codelab-doctor-summary' }, report.summary)
    );
  }

  private line(check: IDoctorCheck): HTMLLIElement {
    const __ = this.trans.__.bind(this.trans);
    const [mark, label] =
      check.ok === true ? ['✓', __('fine')] : check.ok === false ? ['✗', __('problem')] : ['–', __('not checked')];
    const item = h(
      'li',
      { 'data-testid': `codelab-doctor-${check.id}`, 'data-ok': String(check.ok) },
      h('span', { class: 'jp-CodeLab-doctorMark', 'aria-label': label, title: label }, mark),
      h('span', {}, h('strong', {}, check.title), ' ', check.detail)
    );
    if (check.fix && check.ok !== true) {
      item.append(h('span', { class: 'jp-CodeLab-doctorFix' }, __('Fix: %1', check.fix)));
    }
    return item;
  }

  private _account = '';
}
