/**
 * CodeLabModel: the one state of "my CodeLab instance" in this browser tab,
 * shared by the sidebar, the status bar, the commands and the lease warning.
 * It loads the server's config and images, finds the current instance (so a
 * reload or a second tab resumes), runs the actions, and keeps a
 * ProgressWatcher on the instance while it can still change by itself. An
 * instance that vanished (the stream's `deleted`, or a 404 about it) is
 * dropped at once, with a notice, back to the open form.
 */
import { IDisposable } from '@lumino/disposable';
import { ISignal, Signal } from '@lumino/signaling';

import * as api from './api';
import { extendedDurationMs, leaseDeadline } from './countdown';
import { Notice, openNotice } from './notice';
import { instanceNotebookUrl, OpenIntent, openIntent } from './openIntent';
import { isWatched, IStateView, notebookPhase, Phase, stateOf, StopNotice, stopNoticeFor } from './phase';
import { Translate, untranslated } from './gettext';
import { Action, IActionError, toActionError } from './actionError';
import { CodeLabRequestError } from './request';
import { checkShareUrl } from './shareUrl';
import { DEFAULT_SETTINGS, ICodeLabSettings, IConfig, IImage, INotebook, INotebookEvent } from './tokens';
import { ConnectionState, ProgressWatcher } from './watcher';

export type { IStateView, Phase, StopNotice } from './phase';
export type { Notice } from './notice';

export type { Action, IActionError } from './actionError';

/** What happened that deserves a notification (the sidebar may be closed). */
export type Outcome =
  | { kind: 'extended'; deadline: number | null }
  | { kind: 'failed'; notebook: INotebook }
  | { kind: 'auto-stopped'; notebook: INotebook }
  | { kind: 'notice'; notice: Notice };

export class CodeLabModel implements IDisposable {
  /** `translate` words the model's own messages (a TranslationBundle's `__`). */
  constructor(private readonly translate: Translate = untranslated) {}

  /** Any state change (not the clock: see `tick`). */
  get changed(): ISignal<this, void> {
    return this._changed;
  }
  /** Once a second while an instance is starting or running. */
  get tick(): ISignal<this, void> {
    return this._tick;
  }
  /** Extended, failed, stopped by its lease, switched or loaded: for notifications. */
  get outcome(): ISignal<this, Outcome> {
    return this._outcome;
  }

  settings: ICodeLabSettings = { ...DEFAULT_SETTINGS };
  config: IConfig | null = null;
  images: IImage[] = [];
  notebook: INotebook | null = null;
  busy: Action | null = null;
  error: IActionError | null = null;
  connection: ConnectionState | 'idle' = 'idle';
  /** Transient trouble between the server and ModelArts (the server keeps trying). */
  upstreamMessage: string | null = null;
  stopNotice: StopNotice = null;
  /** What the server did that the state alone does not say (vanished, switched image...). */
  notice: Notice | null = null;
  /** When this tab first saw the instance starting (for "taking longer than usual"). */
  startingSince: number | null = null;
  /** This tab watched the instance start (so the finished steps stay in view). */
  sawStart = false;
  /** Local time at which the lease stops the instance. */
  deadline: number | null = null;
  /** The form's values, kept here so that the palette's Open uses them too. */
  get selectedImageId(): string {
    return this._imageId;
  }
  get shareText(): string {
    return this._shareText;
  }

  get isDisposed(): boolean {
    return this._disposed;
  }

  get phase(): Phase {
    if (!this._loaded) {
      return 'loading';
    }
    if (this.error?.action === 'load' && this.config === null) {
      return 'unavailable';
    }
    return notebookPhase(this.notebook);
  }

  /** The instance's status in words, with its sentence and its actions (the first is the primary one). */
  get state(): IStateView {
    return stateOf(this.notebook, this.translate);
  }

  /** Milliseconds until the auto-stop, while running with a lease. */
  get remainingMs(): number | null {
    return this.phase === 'running' && this.deadline !== null ? this.deadline - Date.now() : null;
  }

  /** The image picked in the form. */
  get selectedImage(): IImage | null {
    return this.images.find(image => image.id === this._imageId) ?? null;
  }

  /** What Open will do with the form's values (label, sentence, enabled state, confirmation). */
  get openIntent(): OpenIntent {
    return openIntent({
      notebook: this.notebook,
      phase: this.phase,
      image: this.selectedImage,
      shareText: this._shareText
    });
  }

  /** The lease Extend asks for: what is left plus `extendHours` (the API counts from now). */
  get extendDurationMs(): number {
    return extendedDurationMs(this.remainingMs, this.settings.extendHours);
  }

  /** When the instance will stop after Extend (for "Keep until 15:42"). */
  get extendedDeadline(): number {
    return Date.now() + this.extendDurationMs;
  }

  get defaultImageId(): string {
    const wanted = this.settings.defaultImage.trim();
    const byName = this.images.find(
      image => wanted && [image.id, image.name, `${image.name}:${image.tag}`].includes(wanted)
    );
    const fallback = this.images.find(image => image.id === this._serverDefault);
    return (byName ?? fallback ?? this.images.find(i => i.default) ?? this.images[0])?.id ?? '';
  }

  /** Change the form's values (the image and the pasted notebook URL). */
  setDraft(draft: { imageId?: string; shareText?: string }): void {
    this._imageId = draft.imageId ?? this._imageId;
    this._shareText = draft.shareText ?? this._shareText;
    if (this.error?.kind === 'client' || this.error?.action === 'open') {
      this.error = null;
    }
    this.emit();
  }

  updateSettings(settings: ICodeLabSettings): void {
    const hadChoice = this.selectedImageId && this.selectedImageId !== this.defaultImageId;
    this.settings = settings;
    if (!hadChoice) {
      this._imageId = this.defaultImageId;
    }
    this.emit();
  }

  /** Load config, images and the current instance (called once, and on "Retry"). */
  async load(): Promise<void> {
    this.error = null;
    try {
      const [config, images] = await Promise.all([api.getConfig(), api.getImages()]);
      this.config = config;
      this.images = images.images;
      this._serverDefault = images.default_image_id;
      if (!this.images.some(image => image.id === this._imageId)) {
        this._imageId = this.defaultImageId;
      }
      await this.refreshCurrent();
    } catch (reason) {
      this.error = toActionError('load', reason);
    }
    this._loaded = true;
    this.emit();
  }

  /**
   * After connecting or signing out (the server's new `config`): the old
   * instance and its stream belong to the other mode, so forget them and
   * load config, images and the current instance again.
   */
  async reloadAfterModeSwitch(config: IConfig): Promise<void> {
    this.config = config;
    this.stopNotice = null;
    this.upstreamMessage = null;
    this.setNotebook(null);
    await this.load();
  }

  /** Find the current instance (a reload or another tab) and resume watching it. */
  async refreshCurrent(): Promise<void> {
    try {
      this.setNotebook(await api.getCurrentNotebook());
    } catch (reason) {
      if (!isNotFound(reason)) {
        throw reason;
      }
      this.setNotebook(null);
    }
  }

  /** Open with the form's values; an invalid notebook URL is reported and nothing is sent. */
  async open(): Promise<void> {
    const body: api.IOpenRequest = {};
    if (this.selectedImageId) {
      body.image_id = this.selectedImageId;
    }
    const text = this.shareText.trim();
    if (text) {
      const check = checkShareUrl(text, this.translate);
      if (!check.ok) {
        this.reportClientError('open', check.message);
        return;
      }
      body.share_url = text;
    }
    this.stopNotice = null;
    const before = this.notebook;
    await this.run('open', async () => {
      const after = await api.openNotebook(body);
      this.setNotebook(after);
      this.notice = openNotice(before, after, body.share_url !== undefined);
      if (this.notice) {
        this._outcome.emit({ kind: 'notice', notice: this.notice });
      }
    });
  }

  /** "+N h from the current auto-stop": ask for what is left plus N hours. */
  async extend(): Promise<void> {
    const notebook = this.notebook;
    if (!notebook) {
      return;
    }
    const duration = this.extendDurationMs;
    await this.run('extend', async () => {
      const lease = await api.renewLease(notebook.id, duration);
      if (this.notebook?.id === notebook.id) {
        this.setNotebook({ ...this.notebook, lease });
        this._outcome.emit({ kind: 'extended', deadline: this.deadline });
      }
    });
  }

  async stop(): Promise<void> {
    const notebook = this.notebook;
    if (!notebook) {
      return;
    }
    this._stopRequested = true;
    await this.run('stop', async () => this.setNotebook(await api.stopNotebook(notebook.id)));
  }

  async start(): Promise<void> {
    const notebook = this.notebook;
    if (!notebook) {
      return;
    }
    this.stopNotice = null;
    await this.run('start', async () => this.setNotebook(await api.startNotebook(notebook.id)));
  }

  /** Show a problem found before calling the server (say, a bad URL). */
  reportClientError(action: Action, message: string): void {
    this.error = { action, message, kind: 'client', errorCode: null, errorMsg: null };
    this.emit();
  }

  clearError(): void {
    if (this.error) {
      this.error = null;
      this.emit();
    }
  }

  dispose(): void {
    this._disposed = true;
    this.unwatch();
    window.clearInterval(this._ticker);
    Signal.clearData(this);
  }

  private async run(action: Action, work: () => Promise<void>): Promise<void> {
    if (this.busy) {
      return;
    }
    this.busy = action;
    this.error = null;
    this.notice = null;
    this.emit();
    try {
      await work();
    } catch (reason) {
      if (action !== 'open' && isNotFound(reason)) {
        this.vanish(); // the instance this action was about no longer exists
      } else {
        this.error = toActionError(action, reason);
      }
      if (action === 'stop') {
        this._stopRequested = false;
      }
    } finally {
      this.busy = null;
      this.emit();
    }
  }

  /** The instance is gone: say so, and show the open form. */
  private vanish(deleted = false): void {
    this.notice = { kind: deleted ? 'deleted' : 'vanished' };
    this.stopNotice = null;
    this._stopRequested = false;
    this.setNotebook(null);
  }

  private setNotebook(notebook: INotebook | null): void {
    const previous = this.notebook;
    if (notebook && previous?.id === notebook.id && !notebook.endpoints?.length && previous.endpoints?.length && notebook.image?.id === previous.image?.id) {
      // The open answer carries no endpoints (view "open"): keep the last known SSH endpoint.
      notebook = { ...notebook, endpoints: previous.endpoints };
    }
    if (notebook && notebook.id !== previous?.id && !this._shareText.trim()) {
      // A resumed instance: the form shows the notebook it was opened with.
      this._shareText = instanceNotebookUrl(notebook);
    }
    const imageId = notebook?.image?.id;
    if (imageId && imageId !== this.notebook?.image?.id && this.images.some(image => image.id === imageId)) {
      // A new or switched instance: the form shows the image it runs (picking another stays possible).
      this._imageId = imageId;
    }
    this.notebook = notebook;
    this.deadline = leaseDeadline(notebook?.lease, Date.now());
    const phase = notebookPhase(notebook);
    if (phase === 'starting') {
      this.startingSince = this.startingSince ?? Date.now();
      this.sawStart = true;
    } else {
      this.startingSince = null;
      this.sawStart = this.sawStart && (phase === 'running' || phase === 'failed');
    }
    if (notebook && isWatched(phase)) {
      this.watch(notebook.id);
    } else {
      this.unwatch();
    }
    this.updateTicker();
    this.emit();
  }

  private onEvent(event: INotebookEvent): void {
    if (event.type === 'upstream_error') {
      this.upstreamMessage = event.message ?? null;
      this.emit();
      return;
    }
    this.upstreamMessage = null;
    if (event.type === 'deleted') {
      // `vanished`: ModelArts no longer knows it (6309), rather than showing it DELETED.
      this.vanish(!event.vanished && event.notebook?.status === 'DELETED');
      return;
    }
    if (event.type === 'stopped') {
      this.stopNotice = stopNoticeFor(this._stopRequested, this.deadline, Date.now());
      this._stopRequested = false;
    }
    if (event.notebook) {
      this.setNotebook(event.notebook);
      if (event.type === 'failed') {
        this._outcome.emit({ kind: 'failed', notebook: event.notebook });
      } else if (event.type === 'stopped' && this.stopNotice === 'lease-ended') {
        this._outcome.emit({ kind: 'auto-stopped', notebook: event.notebook });
      }
    }
  }

  private watch(id: string): void {
    if (this._watcher?.notebookId === id && !this._watcher.isDisposed) {
      return;
    }
    this.unwatch();
    this.connection = 'connecting';
    this._watcher = new ProgressWatcher(id, {
      onEvent: event => this.onEvent(event),
      onState: state => {
        this.connection = state;
        this.emit();
      },
      beforeReconnect: async () => {
        try {
          this.setNotebook(await api.getNotebook(id));
        } catch (reason) {
          if (isNotFound(reason)) {
            this.vanish();
            return false;
          }
          throw reason;
        }
        return this._watcher?.notebookId === id;
      }
    });
  }

  private unwatch(): void {
    this._watcher?.dispose();
    this._watcher = null;
    this.connection = 'idle';
  }

  private updateTicker(): void {
    const active = isWatched(notebookPhase(this.notebook));
    if (active && !this._ticker) {
      this._ticker = window.setInterval(() => this._tick.emit(), 1000);
    } else if (!active && this._ticker) {
      window.clearInterval(this._ticker);
      this._ticker = 0;
    }
  }

  private emit(): void {
    this._changed.emit();
  }

  private _changed = new Signal<this, void>(this);
  private _tick = new Signal<this, void>(this);
  private _outcome = new Signal<this, Outcome>(this);
  private _watcher: ProgressWatcher | null = null;
  private _ticker = 0;
  private _loaded = false;
  private _disposed = false;
  private _stopRequested = false;
  private _serverDefault: string | null = null;
  private _imageId = '';
  private _shareText = '';
}

/** The server's 404 about an instance (ModelArts' 6309 and friends); not Jupyter's "no such route". */
function isNotFound(reason: unknown): boolean {
  return reason instanceof CodeLabRequestError && reason.status === 404 && reason.kind === 'server';
}
