/**
 * The image picker (grouped by CPU/GPU/Ascend, the default marked, the full
 * name below), the notebook URL field (validated as you type: the link that
 * will be fetched, a warning for hosts ModelArts cannot reach, the Base64
 * folded behind "show what is sent") and the Open button, which says what it
 * will do (openIntent.ts). Once an instance exists the form shows its image
 * and notebook and folds away under "Change image or notebook".
 */
import { TranslationBundle } from '@jupyterlab/translation';
import { Styling } from '@jupyterlab/ui-components';

import { h, setChildren } from '../dom';
import { hostWarning } from '../hostWarning';
import { ICodeLabModel } from '../tokens';
import { isOpenEnabled, openLabel, openSentence } from '../openIntent';
import { checkShareUrl } from '../shareUrl';
import { IImage } from '../contracts';
import { openConfirmed } from '../userActions';
import { FocusHandoff } from './focusHandoff';
import { ModelView } from './view';

const GROUPS: Array<[string, string]> = [
  ['CPU', 'CPU'],
  ['GPU', 'GPU'],
  ['ASCEND', 'Ascend']
];

/** Phases in which the form is folded away (the instance view comes first). */
const FOLDED = ['starting', 'running', 'busy', 'stopping', 'stopped', 'frozen', 'deleting'];

export class OpenFormView extends ModelView {
  constructor(
    model: ICodeLabModel,
    trans: TranslationBundle,
    private readonly handoff: FocusHandoff | null = null
  ) {
    super(model, trans, ['images', 'draft', 'config', 'notebook', 'action']);
    this.addClass('jp-CodeLab-form');
    this._select = h('select', {
      id: 'jp-CodeLab-image',
      class: 'jp-CodeLab-imageSelect',
      'data-testid': 'codelab-image',
      'aria-describedby': 'jp-CodeLab-imageDetail'
    });
    this._imageDetail = h('div', {
      id: 'jp-CodeLab-imageDetail',
      class: 'jp-CodeLab-imageDetail',
      'data-testid': 'codelab-image-detail'
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
    this._sentence = h('p', {
      class: 'jp-CodeLab-openSentence',
      'data-testid': 'codelab-open-sentence',
      'aria-live': 'polite'
    });
    this._button = h(
      'button',
      { type: 'submit', class: 'jp-Button jp-mod-styled jp-CodeLab-openButton', 'data-testid': 'codelab-open' },
      trans.__('Open')
    );
    const form = h(
      'form',
      { class: 'jp-CodeLab-formBody' },
      h('label', { for: 'jp-CodeLab-image', class: 'jp-CodeLab-label' }, trans.__('Image')),
      this._select,
      this._imageDetail,
      h('label', { for: 'jp-CodeLab-url', class: 'jp-CodeLab-label' }, trans.__('Notebook URL (optional)')),
      this._input,
      this._hint,
      this._sentence,
      this._button
    );
    Styling.wrapSelect(this._select); // JupyterLab's own select: caret, font, focus ring
    form.addEventListener('submit', event => {
      event.preventDefault();
      void this.submit();
    });
    this._select.addEventListener('change', () => model.setDraft({ imageId: this._select.value }));
    this._input.addEventListener('input', () => model.setDraft({ shareText: this._input.value }));
    this._summary = h(
      'summary',
      { class: 'jp-CodeLab-formSummary', 'data-testid': 'codelab-form-toggle' },
      trans.__('Change image or notebook')
    );
    this._details = h(
      'details',
      { class: 'jp-CodeLab-formDetails', 'data-testid': 'codelab-form', open: true },
      this._summary,
      form
    );
    this.node.append(this._details);
    this.render();
  }

  /**
   * Open (a switch of image is confirmed first); nothing happens on invalid input. Opened from
   * the keyboard, the focus follows the instance (its state line) as the form folds away.
   */
  async submit(): Promise<void> {
    const fromHere = this.node.contains(document.activeElement);
    await openConfirmed(this.model, this.trans);
    const { model } = this;
    if (fromHere && model.error === null && model.notebook && FOLDED.includes(model.phase)) {
      this.handoff?.pass('codelab-state');
    }
  }

  render(): void {
    const { model, trans } = this;
    const __ = trans.__.bind(trans);
    if (this._imagesShown !== model.images) {
      this._imagesShown = model.images;
      setChildren(this._select, ...this.imageOptions(model.images));
    }
    this._select.value = model.selectedImageId;
    this._select.disabled = model.images.length === 0;
    this.renderImageDetail(model.selectedImage);
    if (this._input.value !== model.shareText) {
      this._input.value = model.shareText;
    }
    const phase = model.phase;
    const layoutKey = `${model.notebook?.id ?? ''}:${phase}`;
    if (layoutKey !== this._layoutKey) {
      // Each new state decides the fold once; the person may unfold it again.
      this._layoutKey = layoutKey;
      this._details.open = !FOLDED.includes(phase);
    }
    const hasInstance = model.notebook !== null && phase !== 'none';
    this._summary.hidden = !hasInstance;
    this.node.classList.toggle('jp-mod-hasInstance', hasInstance);
    const intent = model.openIntent;
    const opening = model.busy === 'open';
    // A failed instance has "Open again" with its state.
    this._button.hidden = phase === 'failed';
    // aria-disabled, not disabled: the focus stays on the button while it opens.
    this._button.setAttribute('aria-disabled', String(model.busy !== null || !isOpenEnabled(intent)));
    this._button.textContent = opening ? __('Opening…') : openLabel(intent, __);
    this._button.classList.toggle('jp-mod-accept', !hasInstance);
    this._button.setAttribute('aria-busy', String(opening));
    const sentence = phase === 'failed' ? null : openSentence(intent, model.notebook?.name ?? '', __);
    this._sentence.hidden = !sentence;
    this._sentence.textContent = sentence ?? '';
    this._sentence.dataset.intent = intent.kind;
    this.renderHint();
  }

  private imageOptions(images: readonly IImage[]): HTMLElement[] {
    const __ = this.trans.__.bind(this.trans);
    const option = (image: IImage) =>
      h(
        'option',
        { value: image.id, title: [`${image.name}:${image.tag}`, image.description].filter(Boolean).join('\n') },
        `${image.name}:${image.tag}${image.default ? ' ' + __('(default)') : ''}`
      );
    const known = GROUPS.map(([processor]) => processor);
    const groups = GROUPS.map(
      ([processor, label]) => [label, images.filter(i => i.processor?.toUpperCase() === processor)] as const
    );
    const others = images.filter(i => !known.includes(i.processor?.toUpperCase()));
    return [...groups, [__('Other'), others] as const]
      .filter(([, members]) => members.length)
      .map(([label, members]) => h('optgroup', { label }, ...members.map(option)));
  }

  private renderImageDetail(image: IImage | null): void {
    const __ = this.trans.__.bind(this.trans);
    if (!image) {
      setChildren(this._imageDetail);
      return;
    }
    const processor = image.processor?.toUpperCase() === 'ASCEND' ? 'Ascend' : image.processor;
    setChildren(
      this._imageDetail,
      h('span', { class: 'jp-CodeLab-imageName' }, `${image.name}:${image.tag}`),
      h(
        'span',
        { class: 'jp-CodeLab-imageMeta' },
        [processor, image.default ? __('default') : ''].filter(Boolean).join(' · ')
      ),
      ...(image.description ? [h('span', { class: 'jp-CodeLab-imageMeta' }, image.description)] : [])
    );
  }

  private renderHint(): void {
    const { trans } = this;
    const __ = trans.__.bind(trans);
    const text = this.model.shareText.trim();
    if (text === this._hintFor) {
      return; // keeps "show what is sent" as the person left it
    }
    this._hintFor = text;
    if (!text) {
      this._input.removeAttribute('aria-invalid');
      this._hint.className = 'jp-CodeLab-urlHint';
      setChildren(this._hint, __('A plain link, a GitHub page of an .ipynb file, or its Base64.'));
      return;
    }
    const check = checkShareUrl(text, __);
    this._input.setAttribute('aria-invalid', String(!check.ok));
    this._hint.className = `jp-CodeLab-urlHint ${check.ok ? 'jp-mod-valid' : 'jp-mod-invalid'}`;
    if (!check.ok) {
      setChildren(this._hint, h('span', { 'data-testid': 'codelab-url-problem' }, check.message));
      return;
    }
    const warning = hostWarning(check.url, __);
    setChildren(
      this._hint,
      h(
        'div',
        {},
        __('ModelArts fetches:'),
        ' ',
        h('span', { class: 'jp-CodeLab-rawUrl', 'data-testid': 'codelab-raw-url' }, check.url)
      ),
      ...(warning
        ? [h('div', { class: 'jp-CodeLab-urlWarning', 'data-testid': 'codelab-url-warning', role: 'status' }, warning)]
        : []),
      h(
        'details',
        { class: 'jp-CodeLab-sent' },
        h('summary', { 'data-testid': 'codelab-show-sent' }, __('show what is sent')),
        h('span', {}, __('share_url (Base64):')),
        ' ',
        h('code', { class: 'jp-CodeLab-base64', 'data-testid': 'codelab-base64' }, check.base64)
      )
    );
  }

  private _select: HTMLSelectElement;
  private _imageDetail: HTMLDivElement;
  private _input: HTMLInputElement;
  private _hint: HTMLDivElement;
  private _sentence: HTMLParagraphElement;
  private _button: HTMLButtonElement;
  private _summary: HTMLElement;
  private _details: HTMLDetailsElement;
  private _imagesShown: unknown = null;
  private _layoutKey = '';
  private _hintFor: string | null = null;
}
