/** The left-sidebar panel: the small views stacked, loading the model once shown. */
import { TranslationBundle } from '@jupyterlab/translation';
import { Panel } from '@lumino/widgets';

import { codelabIcon } from '../icons';
import { ICodeLabModel, PANEL_ID } from '../tokens';
import { AccountView } from './accountView';
import { BadgeView } from './badgeView';
import { HeaderView } from './header';
import { InstanceView } from './instanceView';
import { MessageView } from './messageView';
import { OpenFormView } from './openForm';
import { ProgressView } from './progressView';

export class CodeLabPanel extends Panel {
  constructor(model: ICodeLabModel, trans: TranslationBundle) {
    super();
    this._model = model;
    this.id = PANEL_ID;
    this.addClass('jp-CodeLab-panel');
    this.title.icon = codelabIcon;
    this.title.caption = trans.__('CodeLab');
    this.title.label = '';
    this.node.setAttribute('aria-label', trans.__('CodeLab'));
    this.node.dataset.testid = 'codelab-panel';
    const account = new AccountView(model, trans);
    this.addWidget(new HeaderView(model, trans, () => account.openConnectForm()));
    this.addWidget(account);
    this.addWidget(new MessageView(model, trans));
    this.addWidget(new OpenFormView(model, trans));
    this.addWidget(new ProgressView(model, trans));
    this.addWidget(new InstanceView(model, trans));
    this.addWidget(new BadgeView(model, trans));
    model.changed.connect(this.layoutFor, this);
    this.layoutFor();
  }

  /** Once there is an instance, its section comes first (CSS order); the form folds below. */
  private layoutFor(): void {
    const phase = this._model.phase;
    this.node.dataset.layout = ['loading', 'unavailable', 'none'].includes(phase) ? 'form-first' : 'instance-first';
  }

  dispose(): void {
    this._model.changed.disconnect(this.layoutFor, this);
    super.dispose();
  }

  private _model: ICodeLabModel;
}
