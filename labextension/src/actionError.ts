/** What went wrong with the last action, as the views show it. */
import { CodeLabRequestError, RequestErrorKind } from './request';

export type Action = 'open' | 'extend' | 'stop' | 'start';

export interface IActionError {
  action: Action | 'load';
  /** The server's sentence (ModelArts' advice included), or ours for a local problem. */
  message: string;
  /** `client`: caught before anything was sent (say, a bad notebook URL). */
  kind: RequestErrorKind | 'client';
  errorCode: string | null;
  errorMsg: string | null;
  /** ModelArts' request id, shown for support tickets. */
  requestId?: string | null;
}

export function toActionError(action: Action | 'load', reason: unknown): IActionError {
  if (reason instanceof CodeLabRequestError) {
    return {
      action,
      message: reason.message,
      kind: reason.kind,
      errorCode: reason.errorCode,
      errorMsg: reason.errorMsg,
      requestId: reason.requestId
    };
  }
  const message = reason instanceof Error ? reason.message : String(reason);
  return { action, message, kind: 'client', errorCode: null, errorMsg: null };
}
