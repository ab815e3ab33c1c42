/** The base of the sidebar's small views: re-render on model changes. */
import { TranslationBundle } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';

import { ICodeLabModel } from '../tokens';

export abstract class ModelView extends Widget {
  constructor(
    protected readonly model: ICodeLabModel,
    protected readonly trans: TranslationBundle
  ) {
    super();
    model.changed.connect(this.render, this);
  }

  /** Bring the DOM in line with the model; cheap and idempotent. */
  abstract render(): void;

  dispose(): void {
    if (!this.isDisposed) {
      this.model.changed.disconnect(this.render, this);
      super.dispose();
    }
  }
}
