/** The left-sidebar panel: the small views stacked, loading the model once shown. */
import { TranslationBundle } from '@jupyterlab/translation';
import { Panel } from '@lumino/widgets';

import { codelabIcon } from '../icons';
import { CodeLabModel } from '../model';
import { PANEL_ID } from '../tokens';
import { AccountView } from './accountView';
import { BadgeView } from './badgeView';
import { HeaderView } from './header';
import { InstanceView } from './instanceView';
import { MessageView } from './messageView';
import { OpenFormView } from './openForm';
import { ProgressView } from './progressView';

export class CodeLabPanel extends Panel {
  constructor(model: CodeLabModel, trans: TranslationBundle) {
    super();
    this.id = PANEL_ID;
    this.addClass('jp-CodeLab-panel');
    this.title.icon = codelabIcon;
    this.title.caption = trans.__('CodeLab');
    this.title.label = '';
    this.node.setAttribute('aria-label', trans.__('CodeLab'));
    this.node.dataset.testid = 'codelab-panel';
    this.addWidget(new HeaderView(model, trans));
    this.addWidget(new AccountView(model, trans));
    this.addWidget(new MessageView(model, trans));
    this.addWidget(new OpenFormView(model, trans));
    this.addWidget(new ProgressView(model, trans));
    this.addWidget(new InstanceView(model, trans));
    this.addWidget(new BadgeView(model, trans));
  }
}
