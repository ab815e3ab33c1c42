/**
 * AccountModel: connecting a Huawei Cloud account from the sidebar and signing
 * out (POST/DELETE credentials, docs/contracts.md 2.4). The server switches
 * modes at once; the CodeLabModel then reloads config, images and the current
 * instance. The secret key goes from the form straight into one request body:
 * it is never kept here, in the CodeLabModel, the settings or the storage.
 */
import { ISignal, Signal } from '@lumino/signaling';

import { checkDraft, connectBody, FormField, formFieldOf, IConnectBody, ICredentialDraft } from './accountForm';
import { Translate, untranslated } from './gettext';
import type { CodeLabModel } from './model';
import { CodeLabRequestError, requestAPI } from './request';
import { IConfig } from './tokens';

export function connectAccount(body: IConnectBody): Promise<IConfig> {
  return requestAPI<IConfig>('credentials', { method: 'POST', body: JSON.stringify(body) });
}

export function signOutAccount(forget: boolean): Promise<IConfig> {
  return requestAPI<IConfig>(forget ? 'credentials?forget=true' : 'credentials', { method: 'DELETE' });
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
    readonly codelab: CodeLabModel,
    private readonly translate: Translate = untranslated
  ) {}

  get changed(): ISignal<this, void> {
    return this._changed;
  }

  /** The form is shown (in simulated mode, after "Connect your account"). */
  formOpen = false;
  busy: 'connect' | 'signout' | null = null;
  error: IAccountError | null = null;

  showForm(open: boolean): void {
    this.formOpen = open;
    this.error = null;
    this.emit();
  }

  /** The user is fixing `field`: its mistake goes away. */
  clearError(field: FormField): void {
    if (this.error?.field === field && !this.busy) {
      this.error = null;
      this.emit();
    }
  }

  /** Check, send once, and on success reload everything in the new mode; true when connected. */
  async connect(draft: ICredentialDraft): Promise<boolean> {
    if (this.busy) {
      return false;
    }
    const problem = checkDraft(draft, this.translate);
    if (problem) {
      this.error = { action: 'connect', ...problem, errorCode: null, requestId: null };
      this.emit();
      return false;
    }
    return this.run('connect', async () => {
      const config = await connectAccount(connectBody(draft));
      this.formOpen = false;
      await this.codelab.reloadAfterModeSwitch(config);
    });
  }

  async signOut(forget: boolean): Promise<boolean> {
    return this.run('signout', async () => {
      await this.codelab.reloadAfterModeSwitch(await signOutAccount(forget));
    });
  }

  private async run(action: IAccountError['action'], work: () => Promise<void>): Promise<boolean> {
    if (this.busy) {
      return false;
    }
    this.busy = action;
    this.error = null;
    this.emit();
    try {
      await work();
      return true;
    } catch (reason) {
      this.error = accountError(action, reason);
      return false;
    } finally {
      this.busy = null;
      this.emit();
    }
  }

  private emit(): void {
    this._changed.emit();
  }

  private _changed = new Signal<this, void>(this);
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
