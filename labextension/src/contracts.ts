/**
 * The shapes of the server's JSON and its routes (docs/contracts.md, section 2).
 * The bottom of the frontend: it imports only the generated state table, so every
 * other module (tokens.ts included) can import it without an import cycle.
 */
import { TERMINAL_EVENTS } from './generated/states';

/** The server extension's routes, relative to the Jupyter base URL. */
export const API_PATH = 'codelab/api';

export type NotebookStatus =
  | 'INIT'
  | 'CREATING'
  | 'STARTING'
  | 'STOPPING'
  | 'DELETING'
  | 'RUNNING'
  | 'STOPPED'
  | 'SNAPSHOTTING'
  | 'CREATE_FAILED'
  | 'START_FAILED'
  | 'DELETE_FAILED'
  | 'ERROR'
  | 'DELETED'
  | 'FROZEN';

export type StepStatus = 'WAITING' | 'PROCESSING' | 'COMPLETED' | 'FAILED';

export interface IStep {
  step: number;
  name?: string;
  status: StepStatus;
  description: string | null;
}

export interface ILease {
  create_at: number | null;
  duration: number | null;
  enable: boolean;
  /** False: the instance never stops by itself (`enable: false`, or a duration of -1); `remaining_ms` is null. */
  auto_stop?: boolean;
  type?: string | null;
  update_at?: number | null;
  expires_at: number | null;
  remaining_ms: number | null;
}

/**
 * How to reach the instance, as the server normalizes ModelArts' EndpointsRes
 * ({dev_service, service, uri, key_pair_names}; huaweicloudsdkmodelarts endpoints_res.py).
 * `service` is what Terraform and golangsdk match on ('SSH'); `ssh_keys` is the
 * old name of `key_pair_names`, still read from older servers.
 */
export interface IEndpoint {
  dev_service?: string | null;
  service?: string | null;
  uri: string;
  key_pair_names?: string[];
  ssh_keys?: string[];
  allowed_access_ips?: string[];
}

export interface INotebookImage {
  id: string;
  name: string;
  tag?: string | null;
  type?: string | null;
  swr_path?: string | null;
}

export interface INotebook {
  id: string;
  name: string;
  status: NotebookStatus | string;
  feature?: string;
  flavor?: string | null;
  url: string | null;
  fail_reason: string | null;
  /** ModelArts keeps the shared notebook's link here (the simulator does the same). */
  description?: string | null;
  image: INotebookImage | null;
  action_progress: IStep[];
  endpoints: IEndpoint[];
  lease: ILease | null;
  progress: number;
  simulated?: boolean;
}

export interface IImage {
  id: string;
  name: string;
  tag: string;
  type: string;
  arch: string;
  processor: 'CPU' | 'GPU' | 'ASCEND' | string;
  resource_categories: string[];
  description: string | null;
  swr_path: string;
  default: boolean;
}

export interface IImagesReply {
  images: IImage[];
  default_image_id: string | null;
}

export interface IConfig {
  mode: 'simulated' | 'modelarts';
  region: string;
  project_id: string;
  endpoint: string;
  auth: 'aksk' | 'token' | 'simulated';
  version: string;
  simulator_endpoint: string | null;
  /** Where the credentials in use came from; null when simulated (contracts 2.4). */
  source?: 'config' | 'env' | 'file' | 'session' | null;
  can_change_credentials?: boolean;
  /** ~/.huaweicloud/credentials holds remembered keys. */
  remembered?: boolean;
  /** A broken configuration, in a sentence with the fix (CodeLab then runs simulated). */
  config_error?: string | null;
}

export type NotebookEventType =
  'snapshot' | 'status' | 'progress' | 'lease' | 'ready' | 'failed' | 'stopped' | 'deleted' | 'upstream_error';

export const NOTEBOOK_EVENT_TYPES: readonly NotebookEventType[] = [
  'snapshot',
  'status',
  'progress',
  'lease',
  'ready',
  'failed',
  'stopped',
  'deleted',
  'upstream_error'
];

/** After these the tab stops following (the vocabulary's terminal events); the server's stream goes on until `deleted`. */
export const FINAL_EVENT_TYPES: ReadonlySet<string> = new Set(TERMINAL_EVENTS);

export interface INotebookEvent {
  type: NotebookEventType;
  notebook?: INotebook | null;
  changed?: string[];
  message?: string;
  error_code?: string | null;
  /** On `deleted`: the instance was not found any more (not seen as DELETED). */
  vanished?: boolean;
}

/** The error body of every failed API call. */
export interface IErrorBody {
  message?: string;
  reason?: string | null;
  error_code?: string | null;
  error_msg?: string | null;
  /** ModelArts' request id, for support tickets (also in `message`). */
  request_id?: string | null;
  /** The input to fix (POST credentials: the form field, or `remember`/`region`). */
  field?: string | null;
}

/** One line of GET doctor: `ok` true (fine), false (a problem, with its `fix`) or null (not checked: `detail` says why). */
export interface IDoctorCheck {
  id: string;
  ok: boolean | null;
  title: string;
  detail: string;
  fix: string | null;
  data: Record<string, unknown>;
}

/** GET doctor: the connection checks the server ran; `ok` only when no check failed. */
export interface IDoctorReport {
  ok: boolean;
  simulated: boolean;
  checked_by: 'server' | 'direct';
  /** All is well, or how many problems were found: one sentence in the request's language. */
  summary: string;
  checks: IDoctorCheck[];
}
