/** The confirmation dialogs: what is sent where (send), and what becomes public (publish). */
import { Clipboard, Dialog, showDialog } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';

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

/** Ask before publishing, naming what becomes public; resolves to the files ticked, null when cancelled. */
export async function confirmPublish(preview: ISendPreview, trans: TranslationBundle): Promise<string[] | null> {
  const result = await showDialog({
    title: trans.__('Make %1 public?', preview.name),
    body: new PreviewBody(
      preview,
      trans.__(
        'Anyone with the link will be able to read %1 (OBS object %2/%3), for good.',
        preview.name,
        preview.bucket,
        preview.key
      ),
      false,
      trans
    ),
    buttons: [Dialog.cancelButton({ label: trans.__('Cancel') }), Dialog.warnButton({ label: trans.__('Publish') })]
  });
  return result.button.accept ? (result.value?.files ?? []) : null;
}

export async function showBadge(published: IPublished, trans: TranslationBundle): Promise<void> {
  const body = document.createElement('div');
  body.className = 'jp-codelab-badge-result';
  const text = document.createElement('textarea');
  text.readOnly = true;
  text.rows = 4;
  text.value = published.badge_markdown;
  const link = document.createElement('p');
  link.textContent = trans.__('Public URL: %1', published.public_url);
  body.append(link, text);
  for (const file of published.files) {
    const line = document.createElement('p');
    line.className = 'jp-codelab-published-file';
    line.textContent = trans.__('Public too: %1 (%2)', file.path, sizeText(file.size, trans.__.bind(trans)));
    body.appendChild(line);
  }
  const result = await showDialog({
    title: trans.__('%1 is public', published.name),
    body: new Widget({ node: body }),
    buttons: [
      Dialog.cancelButton({ label: trans.__('Close') }),
      Dialog.okButton({ label: trans.__('Copy Badge Markdown') })
    ]
  });
  if (result.button.accept) {
    Clipboard.copyToSystem(published.badge_markdown);
  }
}
