/**
 * The one banner above the instance: the last error (with ModelArts' code in
 * words and its request id, once, in a copyable field, for support tickets),
 * or what the server did that the state alone does not say: the instance
 * vanished, an open switched its image, an account was connected.
 */
import { TranslationBundle } from '@jupyterlab/translation';

import { CopyButton } from '../copyButton';
import { h, syncChildren } from '../dom';
import { errorCodeInWords } from '../errorWords';
import { IActionError, ICodeLabModel } from '../tokens';
import { noticeText } from '../notice';
import { ModelView } from './view';

export class MessageView extends ModelView {
  constructor(model: ICodeLabModel, trans: TranslationBundle) {
    super(model, trans, ['action', 'config', 'notebook']);
    this.addClass('jp-CodeLab-message');
    this.node.dataset.testid = 'codelab-message';
    this.node.setAttribute('role', 'alert');
    this._copyId = new CopyButton(trans.__('Copy'), 'codelab-copy-request-id', trans, () => this._requestId);
    this._copyId.node.title = trans.__('Copy the request id');
    this.render();
  }

  render(): void {
    const { model, trans } = this;
    const children: HTMLElement[] = [];
    const phase = model.phase;
    if (model.error) {
      children.push(...this.errorParts(model.error));
    } else if (model.notice && phase !== 'loading' && phase !== 'unavailable') {
      const text = noticeText(model.notice, phase, trans.__.bind(trans));
      children.push(
        h('p', { class: 'jp-CodeLab-notice', 'data-testid': 'codelab-notice', 'data-kind': model.notice.kind }, text)
      );
    }
    this.setHidden(children.length === 0);
    this.node.classList.toggle('jp-mod-error', model.error !== null);
    syncChildren(this.node, ...children);
  }

  private errorParts(error: IActionError): HTMLElement[] {
    const { model, trans } = this;
    const __ = trans.__.bind(trans);
    let message = error.message;
    if (error.kind === 'not-installed') {
      message = __(
        'The CodeLab server extension is not installed or not enabled: run `jupyter server extension enable jupyter_codelab` and restart Jupyter.'
      );
    } else if (error.kind === 'unreachable') {
      message = __('Cannot reach the Jupyter server: check that it is still running.');
    }
    // The server's sentence ends with "[code, request id ...]": said once, below, in its own field.
    message = withoutTail(message, [error.errorCode, error.requestId]);
    const parts: HTMLElement[] = [h('p', { class: 'jp-CodeLab-errorText', 'data-testid': 'codelab-error' }, message)];
    if (error.errorCode) {
      // The code, in words unless the sentence already is its advice, and what ModelArts itself said.
      const code = error.errorCode;
      const words = errorCodeInWords(code, __);
      const said = message.includes(code) ? '' : words && !message.includes(words) ? `${code}: ${words}` : code;
      const upstream = error.errorMsg ? __('ModelArts said: %1', error.errorMsg) : '';
      const line = [said, upstream].filter(Boolean).join(' ');
      if (line) {
        parts.push(h('p', { class: 'jp-CodeLab-errorCode' }, line));
      }
    }
    if (error.requestId) {
      // Small, monospace, one unbroken word that selects whole, and a copy button (a support ticket asks for it).
      if (error.requestId !== this._requestId) {
        this._requestId = error.requestId;
        this._copyId.revert();
      }
      parts.push(
        h(
          'div',
          { class: 'jp-CodeLab-requestIdRow' },
          h(
            'p',
            { class: 'jp-CodeLab-requestId', 'data-testid': 'codelab-request-id' },
            __('request id'),
            ' ',
            h('span', { class: 'jp-CodeLab-requestIdValue' }, error.requestId)
          ),
          this._copyId.node
        )
      );
    }
    if (error.action === 'load') {
      const retry = h('button', { type: 'button', class: 'jp-mod-styled jp-CodeLab-button' }, __('Retry'));
      retry.addEventListener('click', () => void model.load());
      parts.push(retry);
    }
    return parts;
  }

  private _copyId: CopyButton;
  private _requestId = '';
}

/** The sentence without a trailing "[...]" that holds any of `said` (the code, the request id). */
function withoutTail(message: string, said: Array<string | null | undefined>): string {
  const tail = message.match(/\s*\[([^[\]]*)\]\s*\.?$/);
  if (!tail || !said.some(value => value && tail[1].includes(value))) {
    return message;
  }
  return message.slice(0, tail.index).trim();
}
