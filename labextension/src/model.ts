/**
 * CodeLabModel: the one state of "my CodeLab instance" in this browser tab,
 * shared by the sidebar, the status bar, the commands and the lease warning.
 * It loads the server's config and images, finds the current instance (so a
 * reload or a second tab resumes), runs the actions, and keeps an
 * InstanceEventStream on the instance while it can still change by itself. An
 * instance that vanished (the stream's `deleted`, or a 404 about it) is
 * dropped at once, with a notice, back to the open form. Views see it as
 * ICodeLabModel (tokens.ts): every field is readonly, changes go through methods.
 */
import { ServerConnection } from '@jupyterlab/services';
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
import { IConfig, IImage, INotebook, INotebookEvent, IOpenRequest } from './contracts';
import { DEFAULT_SETTINGS, ICodeLabModel, ICodeLabSettings, Outcome } from './tokens';
import { ConnectionState, InstanceEventStream } from './eventStream';

/** The fields' documentation is on ICodeLabModel. */
export class CodeLabModel implements ICodeLabModel {
  /**
   * `serverSettings` are the app's (app.serviceManager.serverSettings);
   * `translate` words the model's own messages (a TranslationBundle's `__`).
   */
  constructor(
    readonly serverSettings: ServerConnection.ISettings,
    private readonly translate: Translate = untranslated
  ) {}

  get changed(): ISignal<ICodeLabModel, void> {
    return this._changed;
  }
  get tick(): ISignal<ICodeLabModel, void> {
    return this._tick;
  }
  get outcome(): ISignal<ICodeLabModel, Outcome> {
    return this._outcome;
  }

  get settings(): Readonly<ICodeLabSettings> {
    return this._settings;
  }
  get config(): IConfig | null {
    return this._config;
  }
  get images(): readonly IImage[] {
    return this._images;
  }
  get notebook(): INotebook | null {
    return this._notebook;
  }
  get busy(): Action | null {
    return this._busy;
  }
  get error(): IActionError | null {
    return this._error;
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
    if (this._error?.action === 'load' && this._config === null) {
      return 'unavailable';
    }
    return notebookPhase(this._notebook);
  }

  /** The instance's status in words, with its sentence and its actions (the first is the primary one). */
  get state(): IStateView {
    return stateOf(this._notebook, this.translate);
  }

  /** Milliseconds until the auto-stop, while running with a lease. */
  get remainingMs(): number | null {
    return this.phase === 'running' && this._deadline !== null ? this._deadline - Date.now() : null;
  }

  /** The image picked in the form. */
  get selectedImage(): IImage | null {
    return this._images.find(image => image.id === this._imageId) ?? null;
  }

  /** What Open will do with the form's values (label, sentence, enabled state, confirmation). */
  get openIntent(): OpenIntent {
    return openIntent({
      notebook: this._notebook,
      phase: this.phase,
      image: this.selectedImage,
      shareText: this._shareText
    });
  }

  /** The lease Extend asks for: what is left plus `extendHours` (the API counts from now). */
  get extendDurationMs(): number {
    return extendedDurationMs(this.remainingMs, this._settings.extendHours);
  }

  /** When the instance will stop after Extend (for "Keep until 15:42"). */
  get extendedDeadline(): number {
    return Date.now() + this.extendDurationMs;
  }

  get defaultImageId(): string {
    const wanted = this._settings.defaultImage.trim();
    const byName = this._images.find(
      image => wanted && [image.id, image.name, `${image.name}:${image.tag}`].includes(wanted)
    );
    const fallback = this._images.find(image => image.id === this._serverDefault);
    return (byName ?? fallback ?? this._images.find(i => i.default) ?? this._images[0])?.id ?? '';
  }

  /** Change the form's values (the image and the pasted notebook URL). */
  setDraft(draft: { imageId?: string; shareText?: string }): void {
    this._imageId = draft.imageId ?? this._imageId;
    this._shareText = draft.shareText ?? this._shareText;
    if (this._error?.kind === 'client' || this._error?.action === 'open') {
      this._error = null;
    }
    this.emit();
  }

  updateSettings(settings: ICodeLabSettings): void {
    const hadChoice = this.selectedImageId && this.selectedImageId !== this.defaultImageId;
    this._settings = settings;
    if (!hadChoice) {
      this._imageId = this.defaultImageId;
    }
    this.emit();
  }

  /** Load config, images and the current instance (called once, and on "Retry"). */
  async load(): Promise<void> {
    this._error = null;
    try {
      const [config, images] = await Promise.all([
        api.getConfig(this.serverSettings),
        api.getImages(this.serverSettings)
      ]);
      this._config = config;
      this._images = images.images;
      this._serverDefault = images.default_image_id;
      if (!this._images.some(image => image.id === this._imageId)) {
        this._imageId = this.defaultImageId;
      }
      await this.refreshCurrent();
    } catch (reason) {
      this._error = toActionError('load', reason);
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
    this._config = config;
    this._stopNotice = null;
    this._upstreamMessage = null;
    this._notice = null;
    this._stopRequested = false;
    this._sawStart = false;
    if (this._notebook && this._shareText === instanceNotebookUrl(this._notebook)) {
      this._shareText = ''; // the old account's notebook: never sent to the new one unasked
    }
    this.setNotebook(null);
    await this.load();
  }

  /** Find the current instance (a reload or another tab) and resume watching it. */
  async refreshCurrent(): Promise<void> {
    try {
      this.setNotebook(await api.getCurrentNotebook(this.serverSettings));
    } catch (reason) {
      if (!isNotFound(reason)) {
        throw reason;
      }
      this.setNotebook(null);
    }
  }

  /** Open with the form's values; an invalid notebook URL is reported and nothing is sent. */
  async open(): Promise<void> {
    const body: IOpenRequest = {};
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

  /** "+N h from the current auto-stop": ask for what is left plus N hours. */
  async extend(): Promise<void> {
    const notebook = this._notebook;
    if (!notebook) {
      return;
    }
    const duration = this.extendDurationMs;
    await this.run('extend', async () => {
      const lease = await api.renewLease(this.serverSettings, notebook.id, duration);
      if (this._notebook?.id === notebook.id) {
        this.setNotebook({ ...this._notebook, lease });
        this._outcome.emit({ kind: 'extended', deadline: this._deadline });
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

  /** Show a problem found before calling the server (say, a bad URL). */
  reportClientError(action: Action, message: string): void {
    this._error = { action, message, kind: 'client', errorCode: null, errorMsg: null };
    this.emit();
  }

  clearError(): void {
    if (this._error) {
      this._error = null;
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
    if (this._busy) {
      return;
    }
    this._busy = action;
    this._error = null;
    this._notice = null;
    this.emit();
    try {
      await work();
    } catch (reason) {
      if (action !== 'open' && isNotFound(reason)) {
        this.vanish(); // the instance this action was about no longer exists
      } else {
        this._error = toActionError(action, reason);
      }
      if (action === 'stop') {
        this._stopRequested = false;
      }
    } finally {
      this._busy = null;
      this.emit();
    }
  }

  /** The instance is gone: say so, and show the open form. */
  private vanish(deleted = false): void {
    this._notice = { kind: deleted ? 'deleted' : 'vanished' };
    this._stopNotice = null;
    this._stopRequested = false;
    this.setNotebook(null);
  }

  private setNotebook(notebook: INotebook | null): void {
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
    if (notebook && notebook.id !== previous?.id && !this._shareText.trim()) {
      // A resumed instance: the form shows the notebook it was opened with.
      this._shareText = instanceNotebookUrl(notebook);
    }
    const imageId = notebook?.image?.id;
    if (imageId && imageId !== this._notebook?.image?.id && this._images.some(image => image.id === imageId)) {
      // A new or switched instance: the form shows the image it runs (picking another stays possible).
      this._imageId = imageId;
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
      this._upstreamMessage = event.message ?? null;
      this.emit();
      return;
    }
    this._upstreamMessage = null;
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
        this.emit();
      },
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

  private updateTicker(): void {
    const active = isWatched(notebookPhase(this._notebook));
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

  private _changed = new Signal<ICodeLabModel, void>(this);
  private _tick = new Signal<ICodeLabModel, void>(this);
  private _outcome = new Signal<ICodeLabModel, Outcome>(this);
  private _settings: ICodeLabSettings = { ...DEFAULT_SETTINGS };
  private _config: IConfig | null = null;
  private _images: IImage[] = [];
  private _notebook: INotebook | null = null;
  private _busy: Action | null = null;
  private _error: IActionError | null = null;
  private _connection: ConnectionState | 'idle' = 'idle';
  private _upstreamMessage: string | null = null;
  private _stopNotice: StopNotice = null;
  private _notice: Notice | null = null;
  private _startingSince: number | null = null;
  private _sawStart = false;
  private _deadline: number | null = null;
  private _stream: InstanceEventStream | null = null;
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
