/**
 * The one place that calls the server extension: JSON over Jupyter's own
 * authenticated connection (token header, XSRF cookie), plus the URL of the
 * event stream.
 */
import { URLExt } from '@jupyterlab/coreutils';
import { ServerConnection } from '@jupyterlab/services';

import { API_PATH, IErrorBody } from './contracts';

/**
 * Why a call failed: the server extension is missing, the Jupyter server is
 * unreachable, or the server answered with an error (its `message` is shown).
 */
export type RequestErrorKind = 'not-installed' | 'unreachable' | 'server';

/** A failed call, with what the server (and ModelArts behind it) said. */
export class CodeLabRequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly kind: RequestErrorKind = 'server',
    readonly errorCode: string | null = null,
    readonly errorMsg: string | null = null,
    /** The input the server names as wrong (say, `secret_key`), if any. */
    readonly field: string | null = null,
    /** ModelArts' request id (error JSON `request_id`), for support tickets. */
    readonly requestId: string | null = null
  ) {
    super(message);
    this.name = 'CodeLabRequestError';
  }
}

/** English texts of the two local failures (views show translated ones). */
export const NOT_INSTALLED =
  'The CodeLab server extension is not installed or not enabled: run ' +
  '`jupyter server extension enable jupyter_codelab` and restart Jupyter.';

const UNREACHABLE = 'Cannot reach the Jupyter server: check that it is still running.';

/**
 * Call `codelab/api/<endPoint>` and return its JSON answer. `settings` is the
 * app's (app.serviceManager.serverSettings), as in the extension template.
 */
export async function requestAPI<T>(
  endPoint: string,
  settings: ServerConnection.ISettings,
  init: RequestInit = {}
): Promise<T> {
  const url = URLExt.join(settings.baseUrl, API_PATH, endPoint);
  const headers = new Headers(init.headers);
  if (init.body !== undefined) {
    headers.set('Content-Type', 'application/json');
  }
  let response: Response;
  try {
    response = await ServerConnection.makeRequest(url, { ...init, headers }, settings);
  } catch {
    throw new CodeLabRequestError(UNREACHABLE, 0, 'unreachable');
  }
  const text = await response.text();
  const body = parseJSON(text);
  if (!response.ok) {
    throw errorFromResponse(response.status, body);
  }
  return body as T;
}

/** The events URL; EventSource sends the login cookie, and the token when Jupyter has one. */
export function eventsURL(settings: ServerConnection.ISettings, notebookId: string): string {
  const url = URLExt.join(settings.baseUrl, API_PATH, 'notebooks', encodeURIComponent(notebookId), 'events');
  return settings.token ? `${url}?token=${encodeURIComponent(settings.token)}` : url;
}

function parseJSON(text: string): unknown {
  if (!text) {
    return null;
  }
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function errorFromResponse(status: number, body: unknown): CodeLabRequestError {
  const data: Partial<IErrorBody> = body && typeof body === 'object' ? (body as IErrorBody) : {};
  const message = typeof data.message === 'string' ? data.message.trim() : '';
  // Jupyter answers an unknown route with an HTML page or a bare "Not Found":
  // then the 404 is about our routes missing, not about an instance.
  if (status === 404 && (!message || /^not found$/i.test(message))) {
    return new CodeLabRequestError(NOT_INSTALLED, status, 'not-installed');
  }
  return new CodeLabRequestError(
    message || `The CodeLab server answered HTTP ${status}.`,
    status,
    'server',
    data.error_code ?? null,
    data.error_msg ?? null,
    data.field ?? null,
    data.request_id ?? null
  );
}
