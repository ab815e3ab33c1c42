/** The "Run in ModelArts" badge for the notebook URL in the field, copyable as Markdown. */
import { TranslationBundle } from '@jupyterlab/translation';

import { CopyButton } from '../copyButton';
import { h } from '../dom';
import { ICodeLabModel } from '../tokens';
import { badgeMarkdown, checkShareUrl, runInModelArtsUrl } from '../shareUrl';
import { ModelView } from './view';

export class BadgeView extends ModelView {
  constructor(model: ICodeLabModel, trans: TranslationBundle) {
    super(model, trans, ['draft']);
    this.addClass('jp-CodeLab-badge');
    this.node.dataset.testid = 'codelab-badge';
    this._link = h(
      'a',
      { class: 'jp-CodeLab-badgeLink', target: '_blank', rel: 'noopener noreferrer' },
      h('span', { class: 'jp-CodeLab-badgeLeft' }, trans._p('badge', 'Run in')),
      h('span', { class: 'jp-CodeLab-badgeRight' }, 'ModelArts')
    );
    this._markdown = h('textarea', {
      class: 'jp-mod-styled jp-CodeLab-badgeMarkdown',
      'data-testid': 'codelab-badge-markdown',
      readonly: true,
      rows: 3,
      'aria-label': trans.__('Badge Markdown')
    });
    this._copy = new CopyButton(trans.__('Copy Markdown'), 'codelab-copy-badge', trans, () => this._markdown.value);
    this.node.append(
      h('h3', { class: 'jp-CodeLab-sectionTitle' }, trans.__('Share this notebook')),
      this._link,
      this._markdown,
      this._copy.node
    );
    this.render();
  }

  render(): void {
    const text = this.model.shareText.trim();
    const check = text ? checkShareUrl(text) : null;
    this.setHidden(!check?.ok);
    if (!check?.ok) {
      return;
    }
    const markdown = badgeMarkdown(check.base64, this.model.selectedImageId);
    if (markdown !== this._markdown.value) {
      this._markdown.value = markdown;
      this._link.href = runInModelArtsUrl(check.base64, this.model.selectedImageId);
      this._copy.revert();
    }
  }

  private _link: HTMLAnchorElement;
  private _markdown: HTMLTextAreaElement;
  private _copy: CopyButton;
}
