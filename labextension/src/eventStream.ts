/**
 * InstanceEventStream: the browser's reader of one instance's Server-Sent
 * Events (the server's InstanceWatcher polls ModelArts and publishes them).
 * The browser's EventSource reconnects by itself after a dropped stream (sending
 * Last-Event-ID so the server resumes without repeats); when it gives up (an
 * HTTP error while reconnecting) we reconnect with backoff. Either way the
 * state is "reconnecting", never "failed": watching never re-opens anything.
 */
import { ServerConnection } from '@jupyterlab/services';
import { IDisposable } from '@lumino/disposable';

import { eventsURL } from './request';
import { FINAL_EVENT_TYPES, INotebookEvent, NOTEBOOK_EVENT_TYPES } from './contracts';

export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'closed';

export interface IEventStreamCallbacks {
  onEvent(event: INotebookEvent): void;
  onState(state: ConnectionState): void;
  /** Before a manual reconnect; resolve false to stop (say, the instance is gone). */
  beforeReconnect(): Promise<boolean>;
  /** After a final event: true to keep following (the server may keep the stream, or the browser reconnects). */
  keepOpen?(event: INotebookEvent): boolean;
}

const MAX_BACKOFF_MS = 15000;

export class InstanceEventStream implements IDisposable {
  constructor(
    private readonly settings: ServerConnection.ISettings,
    readonly notebookId: string,
    private readonly callbacks: IEventStreamCallbacks
  ) {
    this.connect();
  }

  get isDisposed(): boolean {
    return this._disposed;
  }

  get state(): ConnectionState {
    return this._state;
  }

  dispose(): void {
    if (this._disposed) {
      return;
    }
    this._disposed = true;
    this.closeSource();
    window.clearTimeout(this._retryTimer);
  }

  private connect(): void {
    this.closeSource();
    const source = new EventSource(eventsURL(this.settings, this.notebookId), { withCredentials: true });
    this._source = source;
    this.setState(this._attempts === 0 ? 'connecting' : 'reconnecting');
    source.onopen = () => {
      this._attempts = 0;
      this.setState('live');
    };
    source.onerror = () => this.onError(source);
    for (const type of NOTEBOOK_EVENT_TYPES) {
      source.addEventListener(type, event => this.onMessage(type, event as MessageEvent<string>));
    }
  }

  private onMessage(type: string, event: MessageEvent<string>): void {
    let data: INotebookEvent;
    try {
      data = JSON.parse(event.data) as INotebookEvent;
    } catch {
      return; // a garbled event: the next one carries the whole notebook again
    }
    if (this._state !== 'live') {
      this.setState('live');
    }
    const full = { ...data, type: data.type ?? type };
    this.callbacks.onEvent(full);
    if (FINAL_EVENT_TYPES.has(type) && !this._disposed && !this.callbacks.keepOpen?.(full)) {
      // The tab stops following here; closing stops the browser from
      // reconnecting (the server ends the stream only after `deleted`).
      this.closeSource();
      this.setState('closed');
    }
  }

  private onError(source: EventSource): void {
    if (this._disposed || source !== this._source) {
      return;
    }
    this.setState('reconnecting');
    if (source.readyState === EventSource.CLOSED) {
      this.closeSource();
      const delay = Math.min(1000 * 2 ** this._attempts, MAX_BACKOFF_MS);
      this._attempts += 1;
      this._retryTimer = window.setTimeout(() => void this.retry(), delay);
    }
  }

  private async retry(): Promise<void> {
    if (this._disposed) {
      return;
    }
    let keepGoing = true;
    try {
      keepGoing = await this.callbacks.beforeReconnect();
    } catch {
      keepGoing = true; // the server is still unreachable: keep trying
    }
    if (this._disposed) {
      return;
    }
    if (keepGoing) {
      this.connect();
    } else {
      this.setState('closed');
    }
  }

  private closeSource(): void {
    if (this._source) {
      this._source.onopen = null;
      this._source.onerror = null;
      this._source.close();
      this._source = null;
    }
  }

  private setState(state: ConnectionState): void {
    if (this._state !== state) {
      this._state = state;
      this.callbacks.onState(state);
    }
  }

  private _source: EventSource | null = null;
  private _state: ConnectionState = 'connecting';
  private _attempts = 0;
  private _retryTimer = 0;
  private _disposed = false;
}
