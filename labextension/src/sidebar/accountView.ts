/**
 * The account part of the header: "Connect your account" (and its form) in
 * simulated mode; the region, project and source with "Sign out" when
 * connected; a sentence when the administrator manages the account; and a
 * broken configuration as a warning with its fix, never a silent "Simulated".
 * The form itself (connectForm.ts) is a chunk of its own, fetched the first
 * time it is opened.
 */
import { TranslationBundle } from '@jupyterlab/translation';

import { AccountModel } from '../account';
import { accountControls, sourceInWords } from '../accountForm';
import { h, setChildren } from '../dom';
import { ICodeLabModel } from '../tokens';
import type { ConnectForm } from './connectForm';
import { DoctorView } from './doctorView';
import { ModelView } from './view';

const FORM_ID = 'jp-CodeLab-account-form';

export class AccountView extends ModelView {
  constructor(model: ICodeLabModel, trans: TranslationBundle) {
    super(model, trans, ['config']);
    const __ = trans.__.bind(trans);
    this.account = new AccountModel(model, __);
    this.account.changed.connect(this.render, this);
    this.addClass('jp-CodeLab-account');
    this.node.dataset.testid = 'codelab-account';
    this._configError = h('div', {
      class: 'jp-CodeLab-configError',
      'data-testid': 'codelab-config-error',
      role: 'alert'
    });
    this._status = h('div', { class: 'jp-CodeLab-accountStatus', 'data-testid': 'codelab-account-status' });
    this._source = h('div', { class: 'jp-CodeLab-accountHint', 'data-testid': 'codelab-account-source' });
    this._locked = h(
      'p',
      { class: 'jp-CodeLab-accountHint', 'data-testid': 'codelab-account-locked' },
      __('The administrator of this Jupyter server manages its Huawei Cloud account.')
    );
    this._connect = this.button('codelab-connect', __('Connect your account'), 'jp-CodeLab-linkButton');
    this._connect.setAttribute('aria-controls', FORM_ID);
    this._connect.addEventListener('click', () => this.openConnectForm(!this.account.formOpen));
    this._signOut = this.button('codelab-sign-out', __('Sign out'));
    this._signOut.addEventListener('click', () => void this.account.signOut(false));
    this._forget = this.button('codelab-sign-out-forget', __('Sign out and forget'));
    this._forget.title = __('Also remove the keys remembered in ~/.huaweicloud/credentials');
    this._forget.addEventListener('click', () => void this.account.signOut(true));
    this._error = h('div', { class: 'jp-CodeLab-fieldProblem', 'data-testid': 'codelab-account-error', role: 'alert' });
    this._doctor = new DoctorView(model.serverSettings, trans);
    this.node.append(
      this._configError,
      this._status,
      this._source,
      this._locked,
      h('div', { class: 'jp-CodeLab-actions' }, this._connect, this._signOut, this._forget, this._doctor.button),
      this._error,
      this._doctor.node
    );
    this.render();
  }

  readonly account: AccountModel;

  /** Show (or hide) the Connect form; the header's "Simulated" badge opens it too. */
  openConnectForm(open = true): void {
    if (open === this.account.formOpen) {
      return;
    }
    this.account.showForm(open);
    if (open) {
      void this.loadForm().then(form => {
        if (form && this.account.formOpen && !this.isDisposed) {
          form.reset(this.model.config?.region ?? '');
          this.render();
        }
      });
    }
  }

  render(): void {
    const { model, account } = this;
    const config = model.config;
    const __ = this.trans.__.bind(this.trans);
    this.setHidden(config === null);
    if (!config) {
      return;
    }
    this._doctor.follow(config);
    this._configError.hidden = !config.config_error;
    if (config.config_error) {
      setChildren(
        this._configError,
        h('strong', {}, __('The Huawei Cloud configuration of this server is broken.')),
        h('p', {}, config.config_error)
      );
    }
    const connected = config.mode === 'modelarts';
    this._status.hidden = !connected;
    this._source.hidden = !connected;
    if (connected) {
      setChildren(
        this._status,
        h('div', {}, __('Huawei Cloud · %1', config.region)),
        h('div', { class: 'jp-CodeLab-projectId', title: __('Project ID') }, __('project %1', config.project_id))
      );
      setChildren(this._source, sourceInWords(config.source, __));
    }
    const controls = accountControls(config);
    const busy = account.busy !== null;
    this._locked.hidden = !controls.locked;
    this._connect.hidden = !controls.connect;
    this._connect.setAttribute('aria-expanded', String(account.formOpen));
    this._signOut.hidden = !controls.signOut;
    this._forget.hidden = !controls.forget;
    for (const button of [this._connect, this._signOut, this._forget]) {
      button.disabled = busy;
    }
    this._signOut.textContent = account.busy === 'signout' ? __('Signing out…') : __('Sign out');
    const formShown = controls.connect && account.formOpen;
    if (this._form) {
      this._form.node.hidden = !formShown;
      if (formShown) {
        this._form.render();
      }
    }
    const error = account.error?.action === 'signout' ? account.error : null;
    this._error.hidden = !error;
    setChildren(this._error, ...(error ? [h('span', {}, error.message)] : []));
    if (error?.errorCode) {
      this._error.append(h('small', { class: 'jp-CodeLab-errorCode' }, error.errorCode));
    }
  }

  dispose(): void {
    if (!this.isDisposed) {
      this.account.changed.disconnect(this.render, this);
      super.dispose();
    }
  }

  /** The form, created once its chunk is here; null (and closed again) when it could not load. */
  private loadForm(): Promise<ConnectForm | null> {
    this._formLoad ??= import('./connectForm').then(
      ({ ConnectForm }) => {
        const form = new ConnectForm(this.account, this.trans);
        form.node.id = FORM_ID;
        form.node.hidden = true; // until render() shows it
        this.node.append(form.node);
        this._form = form;
        return form;
      },
      reason => {
        this._formLoad = null;
        console.error('jupyter-codelab: the Connect form could not load.', reason);
        this.account.showForm(false);
        return null;
      }
    );
    return this._formLoad;
  }

  private button(testid: string, label: string, extraClass = 'jp-CodeLab-button'): HTMLButtonElement {
    return h('button', { type: 'button', class: `jp-mod-styled ${extraClass}`, 'data-testid': testid }, label);
  }

  private _form: ConnectForm | null = null;
  private _formLoad: Promise<ConnectForm | null> | null = null;
  private _doctor: DoctorView;
  private _configError: HTMLDivElement;
  private _status: HTMLDivElement;
  private _source: HTMLDivElement;
  private _locked: HTMLParagraphElement;
  private _connect: HTMLButtonElement;
  private _signOut: HTMLButtonElement;
  private _forget: HTMLButtonElement;
  private _error: HTMLDivElement;
}
