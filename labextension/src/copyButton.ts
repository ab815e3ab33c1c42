/**
 * The one copy pattern of the sidebar: the button copies, shows a check mark
 * and "Copied" for 2 s, then reverts (said to screen readers too).
 */
import { Clipboard } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';

import { h } from './dom';

export const COPIED_MS = 2000;

export class CopyButton {
  constructor(label: string, testid: string, trans: TranslationBundle, text: () => string) {
    this._label = label;
    this._copied = trans.__('Copied');
    this.node = h(
      'button',
      {
        type: 'button',
        class: 'jp-Button jp-mod-styled jp-CodeLab-button jp-CodeLab-copy',
        'data-testid': testid,
        'aria-live': 'polite'
      },
      label
    );
    this.node.addEventListener('click', () => {
      Clipboard.copyToSystem(text());
      this.node.replaceChildren(
        h('span', { class: 'jp-CodeLab-check', 'aria-hidden': 'true' }, '✓'),
        ' ',
        this._copied
      );
      this.node.classList.add('jp-mod-copied');
      window.clearTimeout(this._timer);
      this._timer = window.setTimeout(() => this.revert(), COPIED_MS);
    });
  }

  readonly node: HTMLButtonElement;

  /** Back to the label (also when what it copies changes). */
  revert(): void {
    window.clearTimeout(this._timer);
    this.node.classList.remove('jp-mod-copied');
    this.node.textContent = this._label;
  }

  private _label: string;
  private _copied: string;
  private _timer = 0;
}
