/** The last error (with ModelArts' code in words) or an instance that went away. */
import { TranslationBundle } from '@jupyterlab/translation';

import { h, setChildren } from '../dom';
import { errorCodeInWords } from '../errorWords';
import { CodeLabModel, IActionError } from '../model';
import { ModelView } from './view';

export class MessageView extends ModelView {
  constructor(model: CodeLabModel, trans: TranslationBundle) {
    super(model, trans);
    this.addClass('jp-CodeLab-message');
    this.node.dataset.testid = 'codelab-message';
    this.node.setAttribute('role', 'alert');
    this.render();
  }

  render(): void {
    const { model, trans } = this;
    const children: HTMLElement[] = [];
    if (model.error) {
      children.push(...this.errorParts(model.error));
    } else if (model.stopNotice === 'deleted' && model.phase === 'none') {
      children.push(h('p', {}, trans.__('The instance was deleted. Open a new one.')));
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
    if (error.action === 'load') {
      const retry = h('button', { type: 'button', class: 'jp-mod-styled jp-CodeLab-button' }, __('Retry'));
      retry.addEventListener('click', () => void model.load());
      parts.push(retry);
    }
    return parts;
  }
}
