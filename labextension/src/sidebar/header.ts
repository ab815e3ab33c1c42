/** The panel's title and the "Simulated" badge when the server runs the simulator. */
import { TranslationBundle } from '@jupyterlab/translation';

import { h } from '../dom';
import { CodeLabModel } from '../model';
import { ModelView } from './view';

export class HeaderView extends ModelView {
  constructor(model: CodeLabModel, trans: TranslationBundle) {
    super(model, trans);
    this.addClass('jp-CodeLab-header');
    this._badge = h(
      'span',
      {
        class: 'jp-CodeLab-simulatedBadge',
        'data-testid': 'codelab-simulated',
        title: trans.__(
          'No Huawei Cloud credentials are configured: the server runs a local simulator of ModelArts.'
        )
      },
      trans.__('Simulated')
    );
    this.node.append(h('h2', { class: 'jp-CodeLab-title' }, trans.__('CodeLab')), this._badge);
    this.render();
  }

  render(): void {
    this._badge.hidden = this.model.config?.mode !== 'simulated';
  }

  private _badge: HTMLSpanElement;
}
