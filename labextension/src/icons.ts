/** The CodeLab icon (a cloud with code brackets), themed like JupyterLab's own. */
import { LabIcon } from '@jupyterlab/ui-components';

import codelabSvg from '../style/icons/codelab.svg';

export const codelabIcon = new LabIcon({ name: 'jupyter-codelab:icon', svgstr: codelabSvg });
