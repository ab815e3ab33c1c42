/** The base of the sidebar's small views: re-render on the model's changes they show. */
import { TranslationBundle } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';

import { CodeLabChange, ICodeLabModel } from '../tokens';

export abstract class ModelView extends Widget {
  /** `shows`: the changes that can alter this view (null: every one). */
  constructor(
    protected readonly model: ICodeLabModel,
    protected readonly trans: TranslationBundle,
    private readonly shows: readonly CodeLabChange[] | null = null
  ) {
    super();
    model.changed.connect(this.onChange, this);
  }

  /** Bring the DOM in line with the model; cheap and idempotent. */
  abstract render(): void;

  dispose(): void {
    if (!this.isDisposed) {
      this.model.changed.disconnect(this.onChange, this);
      super.dispose();
    }
  }

  private onChange(_: ICodeLabModel, change: CodeLabChange): void {
    if (this.shows === null || this.shows.includes(change)) {
      this.render();
    }
  }
}
