/**
 * "Share this notebook": the "Run in ModelArts" badge, copyable as Markdown, for the notebook
 * the instance runs (once there is one), else for the notebook URL in the form. A badge is
 * built from a public link only: a notebook sent from this server's files is a private OBS
 * object, and the section says how to publish it instead (loadedNotebook.ts).
 */
import { TranslationBundle } from '@jupyterlab/translation';

import { CopyButton } from '../copyButton';
import { h } from '../dom';
import { isPrivateLink, loadedNotebook } from '../loadedNotebook';
import { ICodeLabModel } from '../tokens';
import { badgeMarkdown, checkShareUrl, runInModelArtsUrl } from '../shareUrl';
import { ModelView } from './view';

/** Phases in which the instance holds its notebook (the badge shares that one). */
const HOLDS_NOTEBOOK = ['starting', 'running', 'busy', 'stopping', 'stopped', 'frozen'];

export class BadgeView extends ModelView {
  constructor(model: ICodeLabModel, trans: TranslationBundle) {
    super(model, trans, ['draft', 'notebook', 'config']);
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
    this._private = h('p', { class: 'jp-CodeLab-badgePrivate', 'data-testid': 'codelab-badge-private' });
    this.node.append(
      h('h3', { class: 'jp-CodeLab-sectionTitle' }, trans.__('Share this notebook')),
      this._private,
      this._link,
      this._markdown,
      this._copy.node
    );
    this.render();
  }

  render(): void {
    const { model } = this;
    const ofInstance = model.notebook !== null && HOLDS_NOTEBOOK.includes(model.phase);
    const loaded = ofInstance ? loadedNotebook(model.notebook) : null;
    const sent = loaded?.kind === 'sent' ? loaded.name || model.notebook?.name || '' : null;
    const text = ofInstance ? (loaded?.kind === 'link' ? loaded.url : '') : model.shareText.trim();
    const check = text && !isPrivateLink(text) ? checkShareUrl(text) : null;
    this.setHidden(!check?.ok && sent === null);
    this._private.hidden = sent === null;
    this._private.textContent =
      sent === null
        ? ''
        : this.trans.__(
            'Your instance runs %1, sent from your files: it is private in your OBS bucket, so it has no badge. To share it, right-click it in the file browser and choose Publish.',
            sent
          );
    for (const node of [this._link, this._markdown, this._copy.node]) {
      node.hidden = !check?.ok;
    }
    if (!check?.ok) {
      return;
    }
    const imageId = ofInstance ? (model.notebook?.image?.id ?? model.selectedImageId) : model.selectedImageId;
    const markdown = badgeMarkdown(check.base64, imageId);
    if (markdown !== this._markdown.value) {
      this._markdown.value = markdown;
      this._link.href = runInModelArtsUrl(check.base64, imageId);
      this._copy.revert();
    }
  }

  private _link: HTMLAnchorElement;
  private _markdown: HTMLTextAreaElement;
  private _copy: CopyButton;
  private _private: HTMLParagraphElement;
}
