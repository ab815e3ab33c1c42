/**
 * The files a notebook reads, in the send and publish previews: one row each (a folder is one row),
 * ticked, with its size and where the notebook names it, and the total of those ticked. What is
 * ticked is sent with the notebook (`files`); its first cell in CodeLab downloads them beside it.
 */
import { TranslationBundle } from '@jupyterlab/translation';

import { IDetectedFile, ISendPreview } from './api';
import { sizeText } from './words';

export class FileChoice {
  constructor(preview: ISendPreview, trans: TranslationBundle) {
    this._rows = preview.detected_files;
    this._trans = trans;
    this.node.className = 'jp-codelab-send-files';
    if (!this._rows.length && !preview.skipped_files.length) {
      return;
    }
    const heading = document.createElement('p');
    heading.textContent = this._rows.length
      ? trans.__('Files it reads, sent with it (they arrive beside the notebook):')
      : trans.__('It reads no file here that can be sent.');
    this.node.appendChild(heading);
    for (const row of this._rows) {
      const label = document.createElement('label');
      label.className = 'jp-codelab-send-file';
      label.style.display = 'block'; // one row a file (the stylesheet is not the send chunk's)
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.checked = true;
      box.dataset.path = row.path;
      box.addEventListener('change', () => this._showTotal());
      this._boxes.push(box);
      const name = document.createElement('span');
      name.className = 'jp-codelab-send-file-path';
      name.textContent = row.kind === 'folder' ? `${row.path}/` : row.path;
      const size = document.createElement('span');
      size.className = 'jp-codelab-send-file-size';
      size.textContent =
        row.kind === 'folder'
          ? trans.__('%1 files, %2', row.files, sizeText(row.size, trans.__.bind(trans)))
          : sizeText(row.size, trans.__.bind(trans));
      const reason = document.createElement('span');
      reason.className = 'jp-codelab-send-file-reason';
      reason.style.color = 'var(--jp-ui-font-color2)';
      reason.textContent = row.reason;
      label.append(box, ' ', name, ' ', size, ' ', reason);
      this.node.appendChild(label);
    }
    for (const skipped of preview.skipped_files) {
      const line = document.createElement('p');
      line.className = 'jp-codelab-send-file-skipped';
      line.textContent = trans.__('Not sent: %1 (%2)', skipped.path, skipped.reason);
      this.node.appendChild(line);
    }
    this._total.className = 'jp-codelab-send-files-total';
    this.node.appendChild(this._total);
    this._showTotal();
  }

  /** The paths ticked (root-relative; a folder sends every file in it). */
  get chosen(): string[] {
    return this._boxes.filter(box => box.checked).map(box => box.dataset.path ?? '');
  }

  private _showTotal(): void {
    const ticked: IDetectedFile[] = this._rows.filter((_row, index) => this._boxes[index].checked);
    const count = ticked.reduce((sum, row) => sum + row.files, 0);
    const size = ticked.reduce((sum, row) => sum + row.size, 0);
    this._total.textContent = this._trans.__(
      'Sent with it: %1 files, %2',
      count,
      sizeText(size, this._trans.__.bind(this._trans))
    );
  }

  readonly node = document.createElement('div');
  private _rows: IDetectedFile[];
  private _trans: TranslationBundle;
  private _boxes: HTMLInputElement[] = [];
  private _total = document.createElement('p');
}
