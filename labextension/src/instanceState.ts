/**
 * InstanceState: what this browser tab knows of "my CodeLab instance": the
 * server's config, the current instance and how it stopped, the last action's
 * error and notice, and an InstanceEventStream on the instance while it can
 * still change by itself. An instance that vanished (the stream's `deleted`,
 * or a 404 about it) is dropped at once, with a notice. A frozen, stopped or
 * failed instance stays followed too (a thaw, a start or a delete elsewhere).
 * An action's error shows while the state it was raised in lasts (banner.ts).
 * `changed` says which part moved, so a view re-renders only for what it
 * shows. The calls that change it are InstanceModel's (instanceModel.ts).
 */
import { ServerConnection } from '@jupyterlab/services';
import { ISignal, Signal } from '@lumino/signaling';

import * as api from './api';
import { Action, IActionError } from './actionError';
import { shownError } from './banner';
import { leaseDeadline } from './countdown';
import { IConfig, INotebook, INotebookEvent } from './contracts';
import { ConnectionState, InstanceEventStream } from './eventStream';
import { Translate, untranslated } from './gettext';
import { Notice } from './notice';
import {
  asStatusEvent,
  isFollowed,
  IStateView,
  notebookPhase,
  Phase,
  stateOf,
  StopNotice,
  stopNoticeFor
} from './phase';
import { CodeLabRequestError } from './request';
import type { InstanceChange, Outcome } from './tokens';

/** The fields' documentation is on IInstanceModel (tokens.ts). */
export class InstanceState {
  constructor(
    readonly serverSettings: ServerConnection.ISettings,
    private readonly translate: Translate = untranslated
  ) {}

  get changed(): ISignal<this, InstanceChange> {
    return this._changed;
  }
  get outcome(): ISignal<this, Outcome> {
    return this._outcome;
  }
  get config(): IConfig | null {
    return this._config;
  }
  get notebook(): INotebook | null {
    return this._notebook;
  }
  get busy(): Action | null {
    return this._busy;
  }
  get error(): IActionError | null {
    return shownError(this._error, this._errorAt, this._notebook);
  }
  get connection(): ConnectionState | 'idle' {
    return this._connection;
  }
  get upstreamMessage(): string | null {
    return this._upstreamMessage;
  }
  get stopNotice(): StopNotice {
    return this._stopNotice;
  }
  get notice(): Notice | null {
    return this._notice;
  }
  get startingSince(): number | null {
    return this._startingSince;
  }
  get sawStart(): boolean {
    return this._sawStart;
  }
  get deadline(): number | null {
    return this._deadline;
  }
  get isDisposed(): boolean {
    return this._disposed;
  }

  get phase(): Phase {
    if (!this._loaded) {
      return 'loading';
    }
    if (this._error?.action === 'load' && this._config === null) {
      return 'unavailable';
    }
    return notebookPhase(this._notebook);
  }

  get state(): IStateView {
    return stateOf(this._notebook, this.translate);
  }

  get remainingMs(): number | null {
    return this.phase === 'running' && this._deadline !== null ? this._deadline - Date.now() : null;
  }

  dispose(): void {
    if (this._disposed) {
      return;
    }
    this._disposed = true;
    this.unwatch();
    Signal.clearData(this);
  }

  /** The instance is gone: say so, and show the open form. */
  protected vanish(deleted = false): void {
    this._notice = { kind: deleted ? 'deleted' : 'vanished' };
    this._stopNotice = null;
    this._stopRequested = false;
    this.setNotebook(null);
    this.emit('action');
  }

  protected setNotebook(notebook: INotebook | null): void {
    const previous = this._notebook;
    if (
      notebook &&
      previous?.id === notebook.id &&
      !notebook.endpoints?.length &&
      previous.endpoints?.length &&
      notebook.image?.id === previous.image?.id
    ) {
      // The open answer carries no endpoints (view "open"): keep the last known SSH endpoint.
      notebook = { ...notebook, endpoints: previous.endpoints };
    }
    this._notebook = notebook;
    this._deadline = leaseDeadline(notebook?.lease, Date.now());
    const phase = notebookPhase(notebook);
    if (phase === 'starting') {
      this._startingSince = this._startingSince ?? Date.now();
      this._sawStart = true;
    } else {
      this._startingSince = null;
      this._sawStart = this._sawStart && (phase === 'running' || phase === 'failed');
    }
    if (notebook && isFollowed(phase)) {
      this.watch(notebook.id);
    } else {
      this.unwatch();
    }
    this.emit('notebook');
  }

  private onEvent(received: INotebookEvent): void {
    const event = asStatusEvent(received, this._notebook);
    if (event.type === 'upstream_error') {
      this._upstreamMessage = event.message ?? null;
      this.emit('connection');
      return;
    }
    if (this._upstreamMessage !== null) {
      this._upstreamMessage = null;
      this.emit('connection');
    }
    if (event.type === 'deleted') {
      // `vanished`: ModelArts no longer knows it (6309), rather than showing it DELETED.
      this.vanish(!event.vanished && event.notebook?.status === 'DELETED');
      return;
    }
    if (event.type === 'stopped') {
      this._stopNotice = stopNoticeFor(this._stopRequested, this._deadline, Date.now());
      this._stopRequested = false;
    }
    if (event.notebook) {
      this.setNotebook(event.notebook);
      if (event.type === 'failed') {
        this._outcome.emit({ kind: 'failed', notebook: event.notebook });
      } else if (event.type === 'stopped' && this._stopNotice === 'lease-ended') {
        this._outcome.emit({ kind: 'auto-stopped', notebook: event.notebook });
      }
    }
  }

  private watch(id: string): void {
    if (this._stream?.notebookId === id && !this._stream.isDisposed) {
      return;
    }
    this.unwatch();
    this._connection = 'connecting';
    this._stream = new InstanceEventStream(this.serverSettings, id, {
      onEvent: event => this.onEvent(event),
      onState: state => {
        this._connection = state;
        this.emit('connection');
      },
      keepOpen: event => isFollowed(notebookPhase(event.notebook ?? null)),
      beforeReconnect: async () => {
        try {
          this.setNotebook(await api.getNotebook(this.serverSettings, id));
        } catch (reason) {
          if (isNotFound(reason)) {
            this.vanish();
            return false;
          }
          throw reason;
        }
        return this._stream?.notebookId === id;
      }
    });
  }

  private unwatch(): void {
    this._stream?.dispose();
    this._stream = null;
    this._connection = 'idle';
  }

  protected emit(change: InstanceChange): void {
    if (!this._disposed) {
      this._changed.emit(change);
    }
  }

  protected _changed = new Signal<this, InstanceChange>(this);
  protected _outcome = new Signal<this, Outcome>(this);
  protected _config: IConfig | null = null;
  protected _notebook: INotebook | null = null;
  protected _busy: Action | null = null;
  protected _error: IActionError | null = null;
  /** The state the error was raised in (banner.ts). */
  protected _errorAt = '';
  protected _connection: ConnectionState | 'idle' = 'idle';
  protected _upstreamMessage: string | null = null;
  protected _stopNotice: StopNotice = null;
  protected _notice: Notice | null = null;
  protected _startingSince: number | null = null;
  protected _sawStart = false;
  protected _deadline: number | null = null;
  protected _stream: InstanceEventStream | null = null;
  protected _loaded = false;
  protected _disposed = false;
  protected _stopRequested = false;
}

/** The server's 404 about an instance (ModelArts' 6309 and friends); not Jupyter's "no such route". */
export function isNotFound(reason: unknown): boolean {
  return reason instanceof CodeLabRequestError && reason.status === 404 && reason.kind === 'server';
}
