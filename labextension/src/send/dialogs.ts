/**
 * The confirmation dialogs: what is sent where (send), and what becomes public (publish); then
 * the badge, copied with the one copy pattern (copyButton.ts). In simulated mode they say so:
 * the object is public in the simulated OBS on this server only, and the badge is a demo.
 */
import { Dialog, showDialog } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';

import { CopyButton } from '../copyButton';
import { h } from '../dom';
import { demoBadgeMarkdown } from '../shareUrl';
import { IPublished, ISendPreview } from './api';
import { FileChoice } from './files';
import { sizeText } from './words';

/** What the person chose in a preview: strip the outputs, and the files sent with the notebook. */
export interface IChoice {
  strip: boolean;
  files: string[];
}

class PreviewBody extends Widget implements Dialog.IBodyWidget<IChoice> {
  constructor(preview: ISendPreview, note: string, allowStrip: boolean, trans: TranslationBundle) {
    super();
    this.addClass('jp-codelab-send-preview');
    const table = document.createElement('table');
    for (const [label, value] of preview.lines) {
      // The server's rows, in the language of the request (obs/send_words.py): every face shows them.
      const row = table.insertRow();
      row.insertCell().textContent = label;
      row.insertCell().textContent = value;
    }
    this.node.appendChild(table);
    if (preview.too_large) {
      const warning = document.createElement('p');
      warning.className = 'jp-codelab-send-warning';
      warning.textContent = preview.too_large;
      this.node.appendChild(warning);
    }
    this._files = new FileChoice(preview, trans);
    this.node.appendChild(this._files.node);
    if (allowStrip) {
      const label = document.createElement('label');
      this._strip.type = 'checkbox';
      this._strip.checked = preview.stripped;
      this._strip.className = 'jp-codelab-send-strip';
      label.append(this._strip, ' ', trans.__('Strip outputs first (smaller upload)'));
      this.node.appendChild(label);
    }
    const p = document.createElement('p');
    p.textContent = note;
    this.node.appendChild(p);
  }

  getValue(): IChoice {
    return { strip: this._strip.checked, files: this._files.chosen };
  }

  private _strip = document.createElement('input');
  private _files: FileChoice;
}

/** Ask before sending; resolves to the choice when confirmed, null when cancelled. */
export async function confirmSend(preview: ISendPreview, trans: TranslationBundle): Promise<IChoice | null> {
  const accept = preview.create_bucket_needed ? trans.__('Create the Bucket and Open') : trans.__('Open in CodeLab');
  const result = await showDialog({
    title: trans.__('Open %1 in CodeLab?', preview.name),
    body: new PreviewBody(preview, trans.__('Nothing is uploaded until you confirm.'), true, trans),
    buttons: [Dialog.cancelButton({ label: trans.__('Cancel') }), Dialog.okButton({ label: accept })]
  });
  return result.button.accept ? (result.value ?? { strip: false, files: [] }) : null;
}

/**
 * Ask before publishing, naming what becomes public (in simulated mode: where, on this server);
 * resolves to the files ticked, null when cancelled.
 */
export async function confirmPublish(
  preview: ISendPreview,
  trans: TranslationBundle,
  simulated: boolean
): Promise<string[] | null> {
  const note = simulated
    ? trans.__(
        'Simulated: %1 becomes readable by anyone who can reach the simulated OBS on this server (OBS object %2/%3); nothing is published on Huawei Cloud.',
        preview.name,
        preview.bucket,
        preview.key
      )
    : trans.__(
        'Anyone with the link will be able to read %1 (OBS object %2/%3), for good.',
        preview.name,
        preview.bucket,
        preview.key
      );
  const result = await showDialog({
    title: simulated
      ? trans.__('Publish %1 in the simulator?', preview.name)
      : trans.__('Make %1 public?', preview.name),
    body: new PreviewBody(preview, note, false, trans),
    buttons: [Dialog.cancelButton({ label: trans.__('Cancel') }), Dialog.warnButton({ label: trans.__('Publish') })]
  });
  return result.button.accept ? (result.value?.files ?? []) : null;
}

/**
 * The badge, with "Copy Badge Markdown" inside the dialog (✓ Copied for 2 s; the dialog stays).
 * Simulated, the badge is a demo: its notebook link points at this machine, which ModelArts
 * cannot reach, so its label says "demo" and a sentence says why.
 */
export async function showBadge(published: IPublished, trans: TranslationBundle, simulated: boolean): Promise<void> {
  const __ = trans.__.bind(trans);
  const markdown = simulated ? demoBadgeMarkdown(published.run_in_modelarts_url) : published.badge_markdown;
  const text = h('textarea', {
    class: 'jp-mod-styled jp-codelab-badge-markdown',
    'data-testid': 'codelab-publish-markdown',
    readonly: true,
    rows: 4,
    'aria-label': __('Badge Markdown')
  });
  text.value = markdown;
  const copy = new CopyButton(__('Copy Badge Markdown'), 'codelab-publish-copy', trans, () => markdown);
  const demo = __(
    'A demo badge: this is the simulator, so the notebook link points at this machine, which ModelArts cannot reach. Connect a Huawei Cloud account and publish again for a badge that works.'
  );
  const body = h(
    'div',
    { class: 'jp-codelab-badge-result' },
    ...(simulated ? [h('p', { class: 'jp-codelab-send-warning', 'data-testid': 'codelab-publish-demo' }, demo)] : []),
    h('p', {}, __('Public URL: %1', published.public_url)),
    ...published.files.map(file =>
      h('p', { class: 'jp-codelab-published-file' }, __('Public too: %1 (%2)', file.path, sizeText(file.size, __)))
    ),
    text,
    copy.node
  );
  await showDialog({
    title: simulated ? __('Demo badge for %1 (simulated)', published.name) : __('%1 is public', published.name),
    body: new Widget({ node: body }),
    buttons: [Dialog.okButton({ label: __('Close') })]
  });
}
