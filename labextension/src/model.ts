/**
 * CodeLabModel: the one state of "my CodeLab instance" in this browser tab,
 * shared by the sidebar, the status bar, the commands and the lease warning.
 * It joins two models with their own typed signals: the instance
 * (instanceModel.ts: config, instance, actions, event stream) and the open
 * form's draft (openFormModel.ts), plus the settings and a 1 Hz clock (a
 * Poll that stands by while the page is hidden) while the instance can change
 * by itself. `changed` carries which part moved, so each view re-renders on
 * what it shows only. Views see it as ICodeLabModel (tokens.ts).
 */
import { ServerConnection } from '@jupyterlab/services';
import { Poll } from '@lumino/polling';
import { ISignal, Signal } from '@lumino/signaling';

import * as api from './api';
import { Action, IActionError } from './actionError';
import { IConfig, IImage, INotebook, IOpenRequest } from './contracts';
import { ConnectionState } from './eventStream';
import { Translate, untranslated } from './gettext';
import { InstanceModel } from './instanceModel';
import { Notice } from './notice';
import { OpenFormModel } from './openFormModel';
import { OpenIntent, openIntent } from './openIntent';
import { isWatched, IStateView, Phase, StopNotice } from './phase';
import { checkShareUrl } from './shareUrl';
import { CodeLabChange, DEFAULT_SETTINGS, ICodeLabModel, ICodeLabSettings, InstanceChange, Outcome } from './tokens';

const HOUR_MS = 3_600_000;

/** The fields' documentation is on ICodeLabModel (tokens.ts). */
export class CodeLabModel implements ICodeLabModel {
  /**
   * `serverSettings` are the app's (app.serviceManager.serverSettings);
   * `translate` words the model's own messages (a TranslationBundle's `__`).
   */
  constructor(
    readonly serverSettings: ServerConnection.ISettings,
    private readonly translate: Translate = untranslated
  ) {
    this.instance = new InstanceModel(serverSettings, translate);
    this.form = new OpenFormModel();
    this.instance.changed.connect(this.onInstanceChanged, this);
    this.instance.outcome.connect((_, outcome) => this._outcome.emit(outcome), this);
    this.form.changed.connect((_, change) => this._changed.emit(change), this);
    this._clock = new Poll({
      auto: false,
      factory: async () => this._tick.emit(),
      frequency: { interval: 1000, backoff: false },
      name: 'jupyter-codelab:clock',
      standby: 'when-hidden'
    });
  }

  readonly instance: InstanceModel;
  readonly form: OpenFormModel;

  get changed(): ISignal<ICodeLabModel, CodeLabChange> {
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
  get isDisposed(): boolean {
    return this.instance.isDisposed;
  }

  // The instance's state (instanceModel.ts).
  get config(): IConfig | null {
    return this.instance.config;
  }
  get notebook(): INotebook | null {
    return this.instance.notebook;
  }
  get busy(): Action | null {
    return this.instance.busy;
  }
  get error(): IActionError | null {
    return this.instance.error;
  }
  get connection(): ConnectionState | 'idle' {
    return this.instance.connection;
  }
  get upstreamMessage(): string | null {
    return this.instance.upstreamMessage;
  }
  get stopNotice(): StopNotice {
    return this.instance.stopNotice;
  }
  get notice(): Notice | null {
    return this.instance.notice;
  }
  get startingSince(): number | null {
    return this.instance.startingSince;
  }
  get sawStart(): boolean {
    return this.instance.sawStart;
  }
  get deadline(): number | null {
    return this.instance.deadline;
  }
  get phase(): Phase {
    return this.instance.phase;
  }
  get state(): IStateView {
    return this.instance.state;
  }
  get remainingMs(): number | null {
    return this.instance.remainingMs;
  }

  // The open form's draft (openFormModel.ts).
  get images(): readonly IImage[] {
    return this.form.images;
  }
  get selectedImageId(): string {
    return this.form.selectedImageId;
  }
  get shareText(): string {
    return this.form.shareText;
  }
  get selectedImage(): IImage | null {
    return this.form.selectedImage;
  }
  get defaultImageId(): string {
    return this.form.defaultImageId;
  }

  get openIntent(): OpenIntent {
    return openIntent({
      notebook: this.notebook,
      phase: this.phase,
      image: this.selectedImage,
      shareText: this.shareText
    });
  }

  get extendedDeadline(): number {
    return (this.deadline ?? Date.now()) + this._settings.extendHours * HOUR_MS;
  }

  setDraft(draft: { imageId?: string; shareText?: string }): void {
    const error = this.error;
    if (error?.kind === 'client' || error?.action === 'open') {
      this.instance.clearError(); // the person is fixing what the last Open said
    }
    this.form.setDraft(draft);
  }

  updateSettings(settings: ICodeLabSettings): void {
    this._settings = settings;
    this.form.setDefaultImage(settings.defaultImage);
    this._changed.emit('settings');
  }

  load(): Promise<void> {
    return this.instance.load(async () => this.form.setImages(await api.getImages(this.serverSettings)));
  }

  async reloadAfterModeSwitch(config: IConfig): Promise<void> {
    const before = { mode: this.config?.mode, notebook: this.notebook };
    this.form.forgetInstance(); // the old account's notebook: never sent to the new one unasked
    this.instance.forgetForModeSwitch(config);
    await this.load();
    this.instance.sayModeSwitch(before); // what became of the simulated instance
  }

  refreshCurrent(): Promise<void> {
    return this.instance.refreshCurrent();
  }

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
    await this.instance.open(body);
  }

  extend(): Promise<void> {
    return this.instance.extend(this._settings.extendHours);
  }

  stop(): Promise<void> {
    return this.instance.stop();
  }

  start(): Promise<void> {
    return this.instance.start();
  }

  reportClientError(action: Action, message: string): void {
    this.instance.reportClientError(action, message);
  }

  clearError(): void {
    this.instance.clearError();
  }

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this._clock.dispose();
    this.instance.dispose();
    this.form.dispose();
    Signal.clearData(this);
  }

  private onInstanceChanged(_: InstanceModel, change: InstanceChange): void {
    if (change === 'notebook') {
      this.form.followInstance(this.notebook);
      // The clock runs while the instance can change by itself (a countdown, "taking longer").
      void (isWatched(this.phase) ? this._clock.start() : this._clock.stop());
    }
    this._changed.emit(change);
  }

  private _changed = new Signal<ICodeLabModel, CodeLabChange>(this);
  private _tick = new Signal<ICodeLabModel, void>(this);
  private _outcome = new Signal<ICodeLabModel, Outcome>(this);
  private _clock: Poll;
  private _settings: ICodeLabSettings = { ...DEFAULT_SETTINGS };
}
