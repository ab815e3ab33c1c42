/**
 * The panel's title (sized like JupyterLab's own side-panel headers), what
 * CodeLab is in one line on the first view, and in simulated mode a visible
 * "Simulated" badge with its sentence; the badge is a button that opens the
 * Connect form (keyboard reachable), next to the account's own link.
 */
import { TranslationBundle } from '@jupyterlab/translation';

import { h } from '../dom';
import { ICodeLabModel } from '../tokens';
import { ModelView } from './view';

export class HeaderView extends ModelView {
  constructor(model: ICodeLabModel, trans: TranslationBundle, openConnect: (() => void) | null = null) {
    super(model, trans, ['config', 'notebook']);
    const __ = trans.__.bind(trans);
    this.addClass('jp-CodeLab-header');
    this._badge = h(
      'button',
      {
        type: 'button',
        class: 'jp-CodeLab-simulatedBadge',
        'data-testid': 'codelab-simulated',
        'aria-describedby': 'jp-CodeLab-simulatedText',
        title: __('Connect a Huawei Cloud account to open real instances')
      },
      __('Simulated')
    );
    this._badge.addEventListener('click', () => openConnect?.());
    this._simulatedText = h(
      'p',
      { id: 'jp-CodeLab-simulatedText', class: 'jp-CodeLab-simulatedText', 'data-testid': 'codelab-simulated-text' },
      __('No Huawei Cloud account is connected: instances run in a simulator on this server.')
    );
    this._tagline = h(
      'p',
      { class: 'jp-CodeLab-tagline', 'data-testid': 'codelab-tagline' },
      __('Run a notebook on a free Huawei Cloud ModelArts instance (stops by itself after 1 h).')
    );
    this.node.append(
      h('div', { class: 'jp-CodeLab-titleRow' }, h('h2', { class: 'jp-CodeLab-title' }, __('CodeLab')), this._badge),
      this._tagline,
      this._simulatedText
    );
    this.render();
  }

  render(): void {
    const simulated = this.model.config?.mode === 'simulated';
    this._badge.hidden = !simulated;
    this._simulatedText.hidden = !simulated;
    // The first view says what this is; an instance's own view says the rest.
    this._tagline.hidden = !['loading', 'unavailable', 'none'].includes(this.model.phase);
  }

  private _badge: HTMLButtonElement;
  private _simulatedText: HTMLParagraphElement;
  private _tagline: HTMLParagraphElement;
}
