/**
 * What to do about a frozen instance: waiting cannot thaw it; settling the account's arrears
 * in the Huawei Cloud Billing Center does, after which the server's stream shows it running
 * again. "Check again" reads the instance at once (GET notebooks/current) and says what it found.
 */
import { TranslationBundle } from '@jupyterlab/translation';

import { h } from '../dom';
import { ICodeLabModel } from '../tokens';

/** The Billing Center's overview, where the arrears show and are paid. */
export const BILLING_CENTER_URL = 'https://account.huaweicloud.com/usercenter/#/userindex/allview';

export class FrozenHelp {
  constructor(
    private readonly model: ICodeLabModel,
    private readonly trans: TranslationBundle
  ) {
    const __ = trans.__.bind(trans);
    this._check = h(
      'button',
      { type: 'button', class: 'jp-Button jp-mod-styled jp-CodeLab-button', 'data-testid': 'codelab-check-again' },
      __('Check again')
    );
    this._check.addEventListener('click', () => void this.check());
    this._result = h('p', { class: 'jp-CodeLab-checked', 'data-testid': 'codelab-checked', role: 'status' });
    this.node = h(
      'div',
      { class: 'jp-CodeLab-frozen', 'data-testid': 'codelab-frozen-help' },
      h(
        'p',
        {},
        __('Waiting does not thaw it: settle the arrears, and ModelArts thaws the instance; this panel then shows it.')
      ),
      h(
        'div',
        { class: 'jp-CodeLab-actions' },
        h(
          'a',
          {
            class: 'jp-CodeLab-link jp-mod-styled',
            href: BILLING_CENTER_URL,
            target: '_blank',
            rel: 'noopener noreferrer',
            'data-testid': 'codelab-billing-link'
          },
          __('Open the Billing Center')
        ),
        this._check
      ),
      this._result
    );
  }

  readonly node: HTMLDivElement;

  /** The instance is no longer frozen: what the last check found is old news. */
  clear(): void {
    this._result.textContent = '';
  }

  /** Read the instance again now; the state (or a sentence) shows what was found. */
  async check(): Promise<void> {
    if (this._checking) {
      return;
    }
    const __ = this.trans.__.bind(this.trans);
    this._checking = true;
    this._check.setAttribute('aria-disabled', 'true');
    this._check.textContent = __('Checking…');
    try {
      await this.model.refreshCurrent();
      this._result.textContent =
        this.model.phase === 'frozen' ? __('Still frozen (checked at %1).', new Date().toTimeString().slice(0, 8)) : '';
    } catch (reason) {
      this._result.textContent = reason instanceof Error ? reason.message : String(reason);
    } finally {
      this._checking = false;
      this._check.setAttribute('aria-disabled', 'false');
      this._check.textContent = __('Check again');
    }
  }

  private _check: HTMLButtonElement;
  private _result: HTMLParagraphElement;
  private _checking = false;
}
