/**
 * The last error (with ModelArts' code in words and its request id, for
 * support tickets), or what the server did that the state alone does not say:
 * the instance vanished, or an open switched its image.
 */
import { TranslationBundle } from '@jupyterlab/translation';

import { h, setChildren } from '../dom';
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
    setChildren(this.node, ...children);
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
    const parts: HTMLElement[] = [h('p', { class: 'jp-CodeLab-errorText', 'data-testid': 'codelab-error' }, message)];
    if (error.errorCode) {
      // The server's sentence usually carries the advice and the code already;
      // then add what ModelArts itself said, else the code in words.
      const explained = message.includes(error.errorCode);
      const words = explained ? null : errorCodeInWords(error.errorCode, __);
      const upstream = error.errorMsg ? __('ModelArts said: %1', error.errorMsg) : '';
      const line = [words ? `${error.errorCode}: ${words}` : explained ? '' : error.errorCode, upstream]
        .filter(Boolean)
        .join(' ');
      if (line) {
        parts.push(h('p', { class: 'jp-CodeLab-errorCode' }, line));
      }
    }
    if (error.requestId) {
      // Small, and the id selects as one word (a support ticket asks for it).
      parts.push(
        h(
          'p',
          { class: 'jp-CodeLab-requestId', 'data-testid': 'codelab-request-id' },
          __('request id'),
          ' ',
          h('span', { class: 'jp-CodeLab-requestIdValue' }, error.requestId)
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
}
