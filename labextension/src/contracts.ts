/**
 * The server's JSON under the names the sidebar uses: each is a type generated from
 * jupyter_codelab/server/openapi.json (generated/contract.ts), never a second copy.
 * The bottom of the frontend: it imports only generated modules, so every other
 * module (tokens.ts included) can import it without an import cycle.
 */
import { components, eventTypeValues } from './generated/contract';
import { TERMINAL_EVENTS } from './generated/states';

type Schemas = components['schemas'];

/** The server extension's routes, relative to the Jupyter base URL. */
export const API_PATH = 'codelab/api';

export type IConfig = Schemas['Config'];
export type IImage = Schemas['Image'];
export type IImagesReply = Schemas['ImageList'];
export type INotebook = Schemas['Notebook'];
export type INotebookImage = Schemas['NotebookImage'];
export type IStep = Schemas['Step'];
export type ILease = Schemas['Lease'];
/** How to reach the instance (ModelArts' EndpointsRes, as the server normalizes it). */
export type IEndpoint = Schemas['Endpoint'];
export type INotebookEvent = Schemas['Event'];
export type NotebookEventType = INotebookEvent['type'];
/** The error body of every failed API call. */
export type IErrorBody = Schemas['Error'];
/** GET doctor: the connection checks the server ran; `ok` only when no check failed. */
export type IDoctorReport = Schemas['DoctorReport'];
/** One line of it: `ok` true (fine), false (a problem, with its `fix`) or null (not checked: `detail` says why). */
export type IDoctorCheck = Schemas['DoctorCheck'];

export type IOpenRequest = Schemas['OpenRequest'];
export type ILeaseRequest = Schemas['LeaseRequest'];
export type IConnectRequest = Schemas['CredentialsRequest'];
export type ISendPreviewRequest = Schemas['SendPreviewRequest'];
export type ISendRequest = Schemas['SendRequest'];
export type IPublishRequest = Schemas['PublishRequest'];
export type ISendPreview = Schemas['SendPreview'];
export type ISendJob = Schemas['SendJob'];
export type IPublished = Schemas['PublishResult'];
/** A file or folder the notebook's code cells name, found under the Jupyter root (root-relative). */
export type IDetectedFile = Schemas['DetectedFile'];

/** Every event type the stream sends (a listener each). */
export const NOTEBOOK_EVENT_TYPES: readonly NotebookEventType[] = eventTypeValues;

/** After these the tab stops following (the vocabulary's terminal events); the server's stream goes on until `deleted`. */
export const FINAL_EVENT_TYPES: ReadonlySet<string> = new Set(TERMINAL_EVENTS);
