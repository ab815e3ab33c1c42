/**
 * The "Connect your account" form: AK, SK, optional security token, region,
 * optional project id and "Remember on this machine". A mistake is shown on
 * its field with the server's sentence (one about the network, on the form).
 * The secret inputs are emptied on every submit, whatever the answer (the SK
 * lives only in its input until then), and after a failure the form says so.
 * With a simulated instance, the form says what connecting does to it.
 */
import { TranslationBundle } from '@jupyterlab/translation';

import { AccountModel } from '../account';
import { ACCESS_KEYS_URL, FORM_FIELDS, FormField, ICredentialDraft, regionChoices } from '../accountForm';
import { h, setChildren } from '../dom';
import { DEFAULT_REGION } from '../generated/regions';

type Control = HTMLInputElement | HTMLSelectElement;

export class ConnectForm {
  constructor(
    private readonly account: AccountModel,
    private readonly trans: TranslationBundle
  ) {
    const __ = trans.__.bind(trans);
    const text = (field: FormField, attrs: Record<string, string> = {}) =>
      h('input', { type: 'text', autocomplete: 'off', spellcheck: 'false', ...attrs, ...this.ids(field) });
    this._controls = {
      access_key: text('access_key'),
      secret_key: h('input', { type: 'password', autocomplete: 'off', ...this.ids('secret_key') }),
      security_token: h('input', { type: 'password', autocomplete: 'off', ...this.ids('security_token') }),
      region: h('select', this.ids('region')),
      project_id: text('project_id', { placeholder: __('Found from the region when empty') }),
      remember: h('input', { type: 'checkbox', ...this.ids('remember') })
    };
    for (const field of FORM_FIELDS) {
      this._problems[field] = h('div', {
        id: `jp-CodeLab-account-${field}-problem`,
        class: 'jp-CodeLab-fieldProblem',
        'data-testid': `codelab-account-${field}-problem`,
        'aria-live': 'polite'
      });
      this._controls[field].addEventListener('input', () => this.clearProblem(field));
    }
    this._submit = h(
      'button',
      { type: 'submit', class: 'jp-mod-styled jp-mod-accept', 'data-testid': 'codelab-account-submit' },
      __('Connect')
    );
    const cancel = h(
      'button',
      { type: 'button', class: 'jp-mod-styled jp-mod-reject', 'data-testid': 'codelab-account-cancel' },
      __('Cancel')
    );
    cancel.addEventListener('click', () => account.showForm(false));
    this._skCleared = h(
      'div',
      {
        id: 'jp-CodeLab-account-secret_key-cleared',
        class: 'jp-CodeLab-accountHint',
        'data-testid': 'codelab-account-sk-cleared',
        hidden: true
      },
      __('For safety the SK was cleared: enter it again.')
    );
    this._controls.secret_key.addEventListener('input', () => (this._skCleared.hidden = true));
    this._simulatedNote = h('p', {
      class: 'jp-CodeLab-accountHint',
      'data-testid': 'codelab-account-simulated-note',
      hidden: true
    });
    this._formProblem = h('div', {
      class: 'jp-CodeLab-fieldProblem',
      'data-testid': 'codelab-account-problem',
      role: 'alert'
    });
    this._fieldset = h(
      'fieldset',
      { class: 'jp-CodeLab-accountFields' },
      h('legend', { class: 'jp-CodeLab-srOnly' }, __('Huawei Cloud access key')),
      this.row('access_key', __('Access key (AK)')),
      this.row('secret_key', __('Secret key (SK)'), this._skCleared),
      this.row('security_token', __('Security token (temporary keys only)')),
      this.row('region', __('Region')),
      this.row('project_id', __('Project ID (optional)')),
      h(
        'label',
        { class: 'jp-CodeLab-remember' },
        this._controls.remember,
        h('span', {}, __('Remember on this machine'))
      ),
      h(
        'div',
        { class: 'jp-CodeLab-accountHint', id: 'jp-CodeLab-account-remember-hint' },
        __(
          'Writes the keys to ~/.huaweicloud/credentials on the server (mode 0600). Leave it off on shared machines and Binder.'
        )
      ),
      this._problems.remember,
      this._formProblem,
      h('div', { class: 'jp-CodeLab-actions' }, this._submit, cancel)
    );
    this.node = h(
      'form',
      {
        class: 'jp-CodeLab-accountForm',
        'data-testid': 'codelab-account-form',
        'aria-label': __('Connect your account')
      },
      h(
        'p',
        { class: 'jp-CodeLab-accountHint' },
        __('Give an access key of your Huawei Cloud account; it goes to this Jupyter server only. '),
        h(
          'a',
          {
            href: ACCESS_KEYS_URL,
            target: '_blank',
            rel: 'noopener noreferrer',
            'data-testid': 'codelab-account-keys-link'
          },
          __('Create one under My Credentials › Access Keys.')
        )
      ),
      this._simulatedNote,
      this._fieldset
    );
    this.node.addEventListener('submit', event => {
      event.preventDefault();
      void this.submit();
    });
  }

  readonly node: HTMLFormElement;

  /** Called when the form is shown: fresh region list and the focus on the AK. */
  reset(region: string): void {
    setChildren(this._controls.region, ...regionChoices(region).map(id => h('option', { value: id }, id)));
    this._controls.region.value = region || DEFAULT_REGION;
    this.clearSecrets();
    this._skCleared.hidden = true;
    for (const field of FORM_FIELDS) {
      this.clearProblem(field);
    }
    requestAnimationFrame(() => this._controls.access_key.focus());
  }

  render(): void {
    const { account, trans } = this;
    const busy = account.busy === 'connect';
    this._fieldset.disabled = busy;
    this._submit.textContent = busy ? trans.__('Connecting…') : trans.__('Connect');
    this._submit.setAttribute('aria-busy', String(busy));
    const error = account.error?.action === 'connect' ? account.error : null;
    for (const field of FORM_FIELDS) {
      this.showProblem(this._problems[field], this._controls[field], error?.field === field ? error : null);
    }
    this.showProblem(this._formProblem, null, error && error.field === null ? error : null);
    // Before connecting: what becomes of the simulated instance (the notice after says it again).
    const { config, notebook, phase } = account.codelab;
    const simulated = config?.mode === 'simulated' && notebook !== null && phase !== 'none' ? notebook.name : null;
    this._simulatedNote.hidden = simulated === null;
    this._simulatedNote.textContent = simulated
      ? trans.__(
          'Your simulated instance %1 stays in the simulator while you are connected: out of view, not stopped. Signing out shows it again.',
          simulated
        )
      : '';
  }

  private async submit(): Promise<void> {
    const c = this._controls;
    const draft: ICredentialDraft = {
      accessKey: c.access_key.value,
      secretKey: c.secret_key.value,
      securityToken: c.security_token.value,
      region: c.region.value,
      projectId: c.project_id.value,
      remember: (c.remember as HTMLInputElement).checked
    };
    this.clearSecrets(); // before anything is sent: the draft is the only copy now
    const connected = await this.account.connect(draft);
    const field = this.account.error?.field;
    this._skCleared.hidden = connected || !draft.secretKey;
    if (!connected) {
      // On the field to fix; a problem of the whole form (the network...) needs the SK again first.
      this._controls[field ?? (draft.secretKey ? 'secret_key' : 'access_key')].focus();
    }
    if (connected) {
      c.access_key.value = '';
      c.project_id.value = '';
      (c.remember as HTMLInputElement).checked = false;
    }
  }

  private clearSecrets(): void {
    this._controls.secret_key.value = '';
    this._controls.security_token.value = '';
  }

  private row(field: FormField, label: string, ...extra: HTMLElement[]): HTMLElement {
    return h(
      'div',
      { class: 'jp-CodeLab-accountRow' },
      h('label', { for: `jp-CodeLab-account-${field}`, class: 'jp-CodeLab-label' }, label),
      this._controls[field],
      this._problems[field],
      ...extra
    );
  }

  private ids(field: FormField): Record<string, string> {
    return {
      id: `jp-CodeLab-account-${field}`,
      name: field,
      class: field === 'remember' ? 'jp-CodeLab-checkbox' : 'jp-mod-styled jp-CodeLab-accountInput',
      'data-testid': `codelab-account-${field}`,
      'aria-describedby':
        field === 'remember'
          ? 'jp-CodeLab-account-remember-hint jp-CodeLab-account-remember-problem'
          : field === 'secret_key'
            ? 'jp-CodeLab-account-secret_key-problem jp-CodeLab-account-secret_key-cleared'
            : `jp-CodeLab-account-${field}-problem`
    };
  }

  private showProblem(target: HTMLElement, control: Control | null, error: AccountModel['error']): void {
    control?.setAttribute('aria-invalid', String(!!error));
    if (!error) {
      setChildren(target);
      target.hidden = true;
      return;
    }
    // The code and the request id, small, unless the sentence already ends with them.
    const unsaid = (value: string | null) => (value && !error.message.includes(value) ? value : null);
    const code = unsaid(error.errorCode);
    const requestId = unsaid(error.requestId);
    const details = [code ?? '', requestId ? this.trans.__('request id %1', requestId) : ''].filter(Boolean);
    setChildren(
      target,
      h('span', {}, error.message),
      ...(details.length ? [h('small', { class: 'jp-CodeLab-errorCode' }, details.join(' · '))] : [])
    );
    target.hidden = false;
  }

  private clearProblem(field: FormField): void {
    this.account.clearError(field);
  }

  private _controls: Record<FormField, Control>;
  private _problems = {} as Record<FormField, HTMLDivElement>;
  private _formProblem: HTMLDivElement;
  private _fieldset: HTMLFieldSetElement;
  private _skCleared: HTMLDivElement;
  private _simulatedNote: HTMLParagraphElement;
  private _submit: HTMLButtonElement;
}
