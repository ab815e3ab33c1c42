/**
 * The plugin's ids and its Token: `ICodeLab` carries the `ICodeLabModel`
 * interface (as jupyterlab-git's IGitExtension), so the sidebar, the status
 * bar, the commands and other extensions depend on what the model offers, not
 * on model.ts. Only pure modules below it are imported (no import cycle);
 * the server's JSON shapes live in contracts.ts.
 */
import type { ServerConnection } from '@jupyterlab/services';
import { Token } from '@lumino/coreutils';
import type { IDisposable } from '@lumino/disposable';
import type { ISignal } from '@lumino/signaling';

import type { Action, IActionError } from './actionError';
import type { IConfig, IImage, IImagesReply, INotebook, IOpenRequest } from './contracts';
import type { Notice } from './notice';
import type { OpenIntent } from './openIntent';
import type { IStateView, Phase, StopNotice } from './phase';
import type { ConnectionState } from './eventStream';

export type { Action, IActionError } from './actionError';
export type { Notice } from './notice';
export type { OpenIntent } from './openIntent';
export type { IStateView, Phase, StopNotice } from './phase';
export type { ConnectionState } from './eventStream';

/** The plugin whose settings live in schema/plugin.json. */
export const PLUGIN_ID = 'jupyter-codelab:plugin';

/** The DOM id of the sidebar panel (also used to activate it). */
export const PANEL_ID = 'jp-CodeLab-panel';

/** The translation domain of every user-visible string. */
export const TRANSLATION_DOMAIN = 'jupyter_codelab';

/** Every command of the extension (schema/plugin.json names codelab:send-current for Notebook 7's toolbar). */
export namespace CommandIDs {
  export const open = 'codelab:open';
  export const extend = 'codelab:extend';
  export const stop = 'codelab:stop';
  export const showPanel = 'codelab:show-panel';
  export const sendFile = 'codelab:send-file';
  export const sendCurrent = 'codelab:send-current';
  export const publishFile = 'codelab:publish-file';
}

/** `describedBy` of a command that takes no arguments (all of ours). */
export const NO_ARGS = { args: { type: 'object', properties: {} } };

/** What happened that deserves a notification (the sidebar may be closed). */
export type Outcome =
  | { kind: 'extended'; deadline: number | null; note: string | null }
  | { kind: 'failed'; notebook: INotebook }
  | { kind: 'auto-stopped'; notebook: INotebook }
  | { kind: 'notice'; notice: Notice };

/**
 * What moved in the instance model: `config` (the server's config, loaded or
 * not), `notebook` (the instance, its lease and how it stopped), `action` (the
 * action under way, its error, the notice), `connection` (the event stream,
 * ModelArts' transient trouble).
 */
export type InstanceChange = 'config' | 'notebook' | 'action' | 'connection';

/** What moved in the open form: the images offered, or the draft (image picked, notebook URL). */
export type FormChange = 'images' | 'draft';

/** Whatever a view may show: the two models' changes, or the user's settings. */
export type CodeLabChange = InstanceChange | FormChange | 'settings';

/** "My CodeLab instance" as this tab knows it: read-only. */
export interface IInstanceState {
  /** The server's config; null until loaded (or when it could not be). */
  readonly config: IConfig | null;
  /** The current instance; null when there is none. */
  readonly notebook: INotebook | null;
  /** The action under way, if any (one at a time). */
  readonly busy: Action | null;
  readonly error: IActionError | null;
  /** The event stream's state while the instance is watched. */
  readonly connection: ConnectionState | 'idle';
  /** Transient trouble between the server and ModelArts (the server keeps trying). */
  readonly upstreamMessage: string | null;
  readonly stopNotice: StopNotice;
  /** What the server did that the state alone does not say (vanished, switched image...). */
  readonly notice: Notice | null;
  /** When this tab first saw the instance starting (for "taking longer than usual"). */
  readonly startingSince: number | null;
  /** This tab watched the instance start (so the finished steps stay in view). */
  readonly sawStart: boolean;
  /** Local time at which the lease stops the instance. */
  readonly deadline: number | null;
  readonly phase: Phase;
  /** The instance's status in words, with its sentence and its actions (the first is the primary one). */
  readonly state: IStateView;
  /** Milliseconds until the auto-stop, while running with a lease. */
  readonly remainingMs: number | null;
}

/** The instance model: its state, what moved in it, and the calls on it (one at a time). */
export interface IInstanceModel extends IInstanceState, IDisposable {
  readonly changed: ISignal<IInstanceModel, InstanceChange>;
  /** Extended, failed, stopped by its lease, switched or loaded: for notifications. */
  readonly outcome: ISignal<IInstanceModel, Outcome>;
  /** Load the config (and `alongside`, say the images) and the current instance. */
  load(alongside?: () => Promise<unknown>): Promise<void>;
  /** Find the current instance (a reload or another tab) and resume watching it. */
  refreshCurrent(): Promise<void>;
  open(body: IOpenRequest): Promise<void>;
  /** Move the automatic stop `hours` later than it is now (the server plans it within ModelArts' limits). */
  extend(hours: number): Promise<void>;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Show a problem found before calling the server (say, a bad URL). */
  reportClientError(action: Action, message: string): void;
  clearError(): void;
}

/** The open form's draft, kept in the shared model so that the palette's Open uses it too. */
export interface IOpenFormDraft {
  readonly images: readonly IImage[];
  readonly selectedImageId: string;
  /** The notebook URL as pasted. */
  readonly shareText: string;
  readonly selectedImage: IImage | null;
  /** The `defaultImage` setting's image, else the server's default. */
  readonly defaultImageId: string;
}

export interface IOpenFormModel extends IOpenFormDraft {
  readonly changed: ISignal<IOpenFormModel, FormChange>;
  setDraft(draft: { imageId?: string; shareText?: string }): void;
  setImages(reply: IImagesReply): void;
}

/**
 * The one state of "my CodeLab instance" in this browser tab: the instance
 * model and the open form's (their fields are here too, for views that show
 * both), with the settings and a clock. Views read it and call its methods;
 * they cannot assign its state (every field is readonly).
 */
export interface ICodeLabModel extends IInstanceState, IOpenFormDraft, IDisposable {
  readonly instance: IInstanceModel;
  readonly form: IOpenFormModel;
  /** Either model's change, or the settings' (not the clock: see `tick`). */
  readonly changed: ISignal<ICodeLabModel, CodeLabChange>;
  /** Once a second while an instance can change by itself, and the page is in view. */
  readonly tick: ISignal<ICodeLabModel, void>;
  /** Extended, failed, stopped by its lease, switched or loaded: for notifications. */
  readonly outcome: ISignal<ICodeLabModel, Outcome>;
  /** The app's server settings (app.serviceManager.serverSettings): every call to the server uses them. */
  readonly serverSettings: ServerConnection.ISettings;
  readonly settings: Readonly<ICodeLabSettings>;
  /** What Open will do with the form's values (label, sentence, enabled state, confirmation). */
  readonly openIntent: OpenIntent;
  /**
   * Where Extend asks the stop to move: `extendHours` after the current one (no auto-stop:
   * from now), for "Keep until 15:42". The server decides within ModelArts' limits and says
   * so when it differs (the `extended` outcome's note).
   */
  readonly extendedDeadline: number;

  /** Change the form's values (the image and the pasted notebook URL). */
  setDraft(draft: { imageId?: string; shareText?: string }): void;
  updateSettings(settings: ICodeLabSettings): void;
  /** Load config, images and the current instance (called once, and on "Retry"). */
  load(): Promise<void>;
  /** After connecting or signing out: forget the old mode's instance and load again. */
  reloadAfterModeSwitch(config: IConfig): Promise<void>;
  /** Find the current instance (a reload or another tab) and resume watching it. */
  refreshCurrent(): Promise<void>;
  /** Open with the form's values; an invalid notebook URL is reported and nothing is sent. */
  open(): Promise<void>;
  /** Move the automatic stop `extendHours` later. */
  extend(): Promise<void>;
  stop(): Promise<void>;
  start(): Promise<void>;
  reportClientError(action: Action, message: string): void;
  clearError(): void;
}

/** The one shared model of the CodeLab instance, provided by the core plugin. */
export const ICodeLab = new Token<ICodeLabModel>(
  'jupyter-codelab:ICodeLab',
  'The CodeLab instance state shared by the sidebar, status bar and commands.'
);

/** The user settings (schema/plugin.json). */
export interface ICodeLabSettings {
  defaultImage: string;
  warnMinutesBeforeStop: number;
  extendHours: number;
  slowAfterSeconds: number;
}

export const DEFAULT_SETTINGS: ICodeLabSettings = {
  defaultImage: '',
  warnMinutesBeforeStop: 10,
  extendHours: 1,
  slowAfterSeconds: 60
};
