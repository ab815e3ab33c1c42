/**
 * InstanceModel: the calls that change "my CodeLab instance" (load, open,
 * extend, stop, start), one at a time, each ending in the state
 * (instanceState.ts) with its error or notice. A refused call reads the
 * instance again: the refusal may come from a state this tab had not seen.
 */
import * as api from './api';
import { Action, IActionError, toActionError } from './actionError';
import { stateKey } from './banner';
import { IConfig, INotebook, IOpenRequest } from './contracts';
import { InstanceState, isNotFound } from './instanceState';
import { modeSwitchNotice, openNotice } from './notice';
import type { IInstanceModel } from './tokens';

export class InstanceModel extends InstanceState implements IInstanceModel {
  /** Load the config (and `alongside`, say the images) and the current instance: once, and on "Retry". */
  async load(alongside: () => Promise<unknown> = async () => undefined): Promise<void> {
    this._error = null;
    try {
      const [config] = await Promise.all([api.getConfig(this.serverSettings), alongside()]);
      this._config = config;
      await this.refreshCurrent();
    } catch (reason) {
      this._error = toActionError('load', reason);
    }
    this._loaded = true;
    this.emit('action');
    this.emit('config');
  }

  /** After connecting or signing out: the old instance and its stream belong to the other mode. */
  forgetForModeSwitch(config: IConfig): void {
    this._config = config;
    this._stopNotice = null;
    this._upstreamMessage = null;
    this._notice = null;
    this._stopRequested = false;
    this._sawStart = false;
    this.setNotebook(null);
    this.emit('config');
  }

  /** After the reload of a mode switch: say what became of the simulated instance (out of view, or back). */
  sayModeSwitch(before: { mode: string | undefined; notebook: INotebook | null }): void {
    this._notice = modeSwitchNotice(before, { mode: this._config?.mode, notebook: this._notebook });
    if (this._notice) {
      this._outcome.emit({ kind: 'notice', notice: this._notice });
    }
    this.emit('action');
  }

  async refreshCurrent(): Promise<void> {
    try {
      this.setNotebook(await api.getCurrentNotebook(this.serverSettings));
    } catch (reason) {
      if (!isNotFound(reason)) {
        throw reason;
      }
      if (this._notebook) {
        this.vanish(); // the instance this tab showed is gone: said, not silently dropped
      } else {
        this.setNotebook(null);
      }
    }
  }

  /** Open with a checked body; says what the open did to the instance this tab knew. */
  async open(body: IOpenRequest): Promise<void> {
    this._stopNotice = null;
    const before = this._notebook;
    await this.run('open', async () => {
      const after = await api.openNotebook(this.serverSettings, body);
      this.setNotebook(after);
      this._notice = openNotice(before, after, body.share_url !== undefined);
      if (this._notice) {
        this._outcome.emit({ kind: 'notice', notice: this._notice });
      }
    });
  }

  /** Move the automatic stop `hours` later (the server plans it: see api.extendLease). */
  async extend(hours: number): Promise<void> {
    const notebook = this._notebook;
    if (!notebook) {
      return;
    }
    await this.run('extend', async () => {
      const { note, ...lease } = await api.extendLease(this.serverSettings, notebook.id, hours);
      if (this._notebook?.id === notebook.id) {
        this.setNotebook({ ...this._notebook, lease });
        this._outcome.emit({ kind: 'extended', deadline: this._deadline, note: note ?? null });
      }
    });
  }

  async stop(): Promise<void> {
    const notebook = this._notebook;
    if (!notebook) {
      return;
    }
    this._stopRequested = true;
    await this.run('stop', async () => this.setNotebook(await api.stopNotebook(this.serverSettings, notebook.id)));
  }

  async start(): Promise<void> {
    const notebook = this._notebook;
    if (!notebook) {
      return;
    }
    this._stopNotice = null;
    await this.run('start', async () => this.setNotebook(await api.startNotebook(this.serverSettings, notebook.id)));
  }

  reportClientError(action: Action, message: string): void {
    this._error = { action, message, kind: 'client', errorCode: null, errorMsg: null };
    this._errorAt = stateKey(this._notebook);
    this.emit('action');
  }

  clearError(): void {
    if (this._error) {
      this._error = null;
      this.emit('action');
    }
  }

  /**
   * After a refused action, read the instance again: the refusal may come from a state this
   * tab had not seen yet (frozen while stopped, deleted elsewhere); then the state moves on,
   * and the banner goes with it.
   */
  private async reread(error: IActionError): Promise<void> {
    if (error.kind !== 'server') {
      return; // nothing to read from a server that is not there
    }
    try {
      await this.refreshCurrent();
    } catch {
      // The banner already says what went wrong.
    }
  }

  private async run(action: Action, work: () => Promise<void>): Promise<void> {
    if (this._busy) {
      return;
    }
    this._busy = action;
    this._error = null;
    this._notice = null;
    this.emit('action');
    try {
      await work();
    } catch (reason) {
      if (action !== 'open' && isNotFound(reason)) {
        this.vanish(); // the instance this action was about no longer exists
      } else {
        this._error = toActionError(action, reason);
        this._errorAt = stateKey(this._notebook);
        await this.reread(this._error);
      }
      if (action === 'stop') {
        this._stopRequested = false;
      }
    } finally {
      this._busy = null;
      this.emit('action');
    }
  }
}
