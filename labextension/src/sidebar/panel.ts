/**
 * The left-sidebar panel. At start it is only its tab (icon, caption, id); its
 * views are a chunk of their own (views.ts), loaded once the page is idle or
 * when the panel is first shown, whichever comes first, so that JupyterLab's
 * start does not fetch them and opening the panel does not wait for them.
 */
import { TranslationBundle } from '@jupyterlab/translation';
import type { Message } from '@lumino/messaging';
import { Panel } from '@lumino/widgets';

import { codelabIcon } from '../icons';
import { ICodeLabModel, PANEL_ID } from '../tokens';

export class CodeLabPanel extends Panel {
  constructor(
    private readonly model: ICodeLabModel,
    private readonly trans: TranslationBundle
  ) {
    super();
    this.id = PANEL_ID;
    this.addClass('jp-CodeLab-panel');
    this.title.icon = codelabIcon;
    this.title.caption = trans.__('CodeLab');
    this.title.label = '';
    this.node.setAttribute('aria-label', trans.__('CodeLab'));
    this.node.dataset.testid = 'codelab-panel';
  }

  /** Load and add the views, once (a failed load is tried again on the next call). */
  loadViews(): Promise<void> {
    if (!this._views) {
      this._views = import('./views').then(
        ({ addViews }) => {
          if (!this.isDisposed) {
            addViews(this, this.model, this.trans);
          }
        },
        reason => {
          this._views = null;
          console.error('jupyter-codelab: the CodeLab panel could not load its views.', reason);
        }
      );
    }
    return this._views;
  }

  protected onBeforeShow(msg: Message): void {
    super.onBeforeShow(msg);
    void this.loadViews();
  }

  private _views: Promise<void> | null = null;
}
