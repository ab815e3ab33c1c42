/**
 * The image dropdown, the notebook URL field (validated as you type, with the
 * Base64 that will be sent) and the Open button.
 */
import { TranslationBundle } from '@jupyterlab/translation';

import { h, setChildren } from '../dom';
import { CodeLabModel } from '../model';
import { checkShareUrl } from '../shareUrl';
import { ModelView } from './view';

export class OpenFormView extends ModelView {
  constructor(model: CodeLabModel, trans: TranslationBundle) {
    super(model, trans);
    this.addClass('jp-CodeLab-form');
    this._select = h('select', {
      id: 'jp-CodeLab-image',
      class: 'jp-mod-styled jp-CodeLab-imageSelect',
      'data-testid': 'codelab-image'
    });
    this._input = h('input', {
      id: 'jp-CodeLab-url',
      type: 'text',
      class: 'jp-mod-styled jp-CodeLab-urlInput',
      'data-testid': 'codelab-url',
      placeholder: trans.__('https://github.com/org/repo/blob/main/notebook.ipynb'),
      autocomplete: 'off',
      spellcheck: 'false',
      'aria-describedby': 'jp-CodeLab-urlHint'
    });
    this._hint = h('div', {
      id: 'jp-CodeLab-urlHint',
      class: 'jp-CodeLab-urlHint',
      'data-testid': 'codelab-url-hint',
      'aria-live': 'polite'
    });
    this._button = h(
      'button',
      { type: 'submit', class: 'jp-mod-styled jp-mod-accept jp-CodeLab-openButton', 'data-testid': 'codelab-open' },
      trans.__('Open')
    );
    const form = h(
      'form',
      { class: 'jp-CodeLab-formBody' },
      h('label', { for: 'jp-CodeLab-image', class: 'jp-CodeLab-label' }, trans.__('Image')),
      this._select,
      h('label', { for: 'jp-CodeLab-url', class: 'jp-CodeLab-label' }, trans.__('Notebook URL (optional)')),
      this._input,
      this._hint,
      this._button
    );
    form.addEventListener('submit', event => {
      event.preventDefault();
      void this.submit();
    });
    this._select.addEventListener('change', () => model.setDraft({ imageId: this._select.value }));
    this._input.addEventListener('input', () => model.setDraft({ shareText: this._input.value }));
    this.node.append(form);
    this.render();
  }

  /** Open, unless the URL is invalid: then the model says why and sends nothing. */
  async submit(): Promise<void> {
    await this.model.open();
    if (this.model.error?.kind === 'client') {
      this._input.focus();
    }
  }

  render(): void {
    const { model, trans } = this;
    if (this._imagesShown !== model.images) {
      this._imagesShown = model.images;
      setChildren(
        this._select,
        ...model.images.map(image =>
          h(
            'option',
            { value: image.id, title: image.description ?? image.swr_path },
            `${image.processor} · ${image.name}:${image.tag}`
          )
        )
      );
    }
    this._select.value = model.selectedImageId;
    this._select.disabled = model.images.length === 0;
    if (this._input.value !== model.shareText) {
      this._input.value = model.shareText;
    }
    const phase = model.phase;
    const opening = model.busy === 'open';
    // Opening makes sense with no instance, or one that runs or is stopped (then ModelArts
    // switches its image, or loads the notebook into it). A failed one has "Open again" with
    // its state; the others are on their way somewhere, or frozen.
    this._button.hidden = phase === 'failed';
    this._button.disabled = model.busy !== null || !['none', 'running', 'stopped'].includes(phase);
    this._button.textContent = opening ? trans.__('Opening…') : trans.__('Open');
    this._button.setAttribute('aria-busy', String(opening));
    this.renderHint();
  }

  private renderHint(): void {
    const { trans } = this;
    const text = this.model.shareText.trim();
    if (!text) {
      this._input.removeAttribute('aria-invalid');
      this._hint.className = 'jp-CodeLab-urlHint';
      setChildren(this._hint, trans.__('A plain link, a GitHub page of an .ipynb file, or its Base64.'));
      return;
    }
    const check = checkShareUrl(text, trans.__.bind(trans));
    this._input.setAttribute('aria-invalid', String(!check.ok));
    this._hint.className = `jp-CodeLab-urlHint ${check.ok ? 'jp-mod-valid' : 'jp-mod-invalid'}`;
    if (!check.ok) {
      setChildren(this._hint, check.message);
      return;
    }
    setChildren(
      this._hint,
      h('span', {}, trans.__('Sent to ModelArts as share_url (Base64):')),
      ' ',
      h('code', { class: 'jp-CodeLab-base64', 'data-testid': 'codelab-base64', title: check.url }, check.base64)
    );
  }

  private _select: HTMLSelectElement;
  private _input: HTMLInputElement;
  private _hint: HTMLDivElement;
  private _button: HTMLButtonElement;
  private _imagesShown: unknown = null;
}
