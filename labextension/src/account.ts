/**
 * AccountModel: connecting a Huawei Cloud account from the sidebar and signing
 * out (POST/DELETE credentials, docs/contracts.md 2.4). The server switches
 * modes at once; the CodeLab model then reloads config, images and the current
 * instance. The secret key goes from the form straight into one request body:
 * it is never kept here, in the CodeLab model, the settings or the storage.
 */
import { ServerConnection } from '@jupyterlab/services';
import { ISignal, Signal } from '@lumino/signaling';

import { checkDraft, connectBody, FormField, formFieldOf, IConnectBody, ICredentialDraft } from './accountForm';
import { Translate, untranslated } from './gettext';
import type { ICodeLabModel } from './tokens';
import { CodeLabRequestError, requestAPI } from './request';
import { IConfig } from './contracts';

export function connectAccount(settings: ServerConnection.ISettings, body: IConnectBody): Promise<IConfig> {
  return requestAPI<IConfig>('credentials', settings, { method: 'POST', body: JSON.stringify(body) });
}

export function signOutAccount(settings: ServerConnection.ISettings, forget: boolean): Promise<IConfig> {
  return requestAPI<IConfig>(forget ? 'credentials?forget=true' : 'credentials', settings, { method: 'DELETE' });
}

/** What went wrong with connecting or signing out, placed on a form field when it names one. */
export interface IAccountError {
  action: 'connect' | 'signout';
  field: FormField | null;
  message: string;
  errorCode: string | null;
  requestId: string | null;
}

export class AccountModel {
  constructor(
    readonly codelab: ICodeLabModel,
    private readonly translate: Translate = untranslated
  ) {}

  get changed(): ISignal<this, void> {
    return this._changed;
  }

  /** The form is shown (in simulated mode, after "Connect your account"). */
  get formOpen(): boolean {
    return this._formOpen;
  }
  get busy(): IAccountError['action'] | null {
    return this._busy;
  }
  get error(): IAccountError | null {
    return this._error;
  }

  showForm(open: boolean): void {
    this._formOpen = open;
    this._error = null;
    this.emit();
  }

  /** The user is fixing `field`: its mistake goes away. */
  clearError(field: FormField): void {
    if (this._error?.field === field && !this._busy) {
      this._error = null;
      this.emit();
    }
  }

  /** Check, send once, and on success reload everything in the new mode; true when connected. */
  async connect(draft: ICredentialDraft): Promise<boolean> {
    if (this._busy) {
      return false;
    }
    const problem = checkDraft(draft, this.translate);
    if (problem) {
      this._error = { action: 'connect', ...problem, errorCode: null, requestId: null };
      this.emit();
      return false;
    }
    return this.run('connect', async () => {
      const config = await connectAccount(this.codelab.serverSettings, connectBody(draft));
      this._formOpen = false;
      await this.codelab.reloadAfterModeSwitch(config);
    });
  }

  async signOut(forget: boolean): Promise<boolean> {
    return this.run('signout', async () => {
      await this.codelab.reloadAfterModeSwitch(await signOutAccount(this.codelab.serverSettings, forget));
    });
  }

  private async run(action: IAccountError['action'], work: () => Promise<void>): Promise<boolean> {
    if (this._busy) {
      return false;
    }
    this._busy = action;
    this._error = null;
    this.emit();
    try {
      await work();
      return true;
    } catch (reason) {
      this._error = accountError(action, reason);
      return false;
    } finally {
      this._busy = null;
      this.emit();
    }
  }

  private emit(): void {
    this._changed.emit();
  }

  private _changed = new Signal<this, void>(this);
  private _formOpen = false;
  private _busy: IAccountError['action'] | null = null;
  private _error: IAccountError | null = null;
}

function accountError(action: IAccountError['action'], reason: unknown): IAccountError {
  if (reason instanceof CodeLabRequestError) {
    return {
      action,
      field: action === 'connect' ? formFieldOf(reason.field) : null,
      message: reason.message,
      errorCode: reason.errorCode,
      requestId: reason.requestId
    };
  }
  const message = reason instanceof Error ? reason.message : String(reason);
  return { action, field: null, message, errorCode: null, requestId: null };
}
