/**
 * The sidebar's views, stacked in the panel, and their CSS: loaded with
 * `import()` by the panel (panel.ts), not at JupyterLab's start.
 */
import '../../style/panel.css';
import '../../style/account.css';
import '../../style/doctor.css';

import { TranslationBundle } from '@jupyterlab/translation';
import { Panel } from '@lumino/widgets';

import { ICodeLabModel } from '../tokens';
import { AccountView } from './accountView';
import { BadgeView } from './badgeView';
import { FocusHandoff } from './focusHandoff';
import { HeaderView } from './header';
import { InstanceView } from './instanceView';
import { MessageView } from './messageView';
import { OpenFormView } from './openForm';
import { ProgressView } from './progressView';
import { StopWhenRunning } from './stopWhenRunning';

export function addViews(panel: Panel, model: ICodeLabModel, trans: TranslationBundle): void {
  const account = new AccountView(model, trans);
  const handoff = new FocusHandoff(panel.node);
  const stopLater = new StopWhenRunning(model);
  panel.disposed.connect(() => stopLater.dispose());
  panel.addWidget(new HeaderView(model, trans, () => account.openConnectForm()));
  panel.addWidget(account);
  panel.addWidget(new MessageView(model, trans));
  panel.addWidget(new OpenFormView(model, trans, handoff));
  panel.addWidget(new ProgressView(model, trans));
  panel.addWidget(new InstanceView(model, trans, handoff, stopLater));
  panel.addWidget(new BadgeView(model, trans));
  // Once there is an instance, its section comes first (CSS order); the form folds below.
  // Connected with the panel as receiver: the panel's dispose disconnects it.
  const layoutFor = () => {
    const phase = model.phase;
    panel.node.dataset.layout = ['loading', 'unavailable', 'none'].includes(phase) ? 'form-first' : 'instance-first';
  };
  model.changed.connect((_, change) => {
    if (change === 'config' || change === 'notebook') {
      layoutFor();
    }
  }, panel);
  layoutFor();
}
