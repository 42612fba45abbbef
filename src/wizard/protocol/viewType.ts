/** The wizard panel's view type (its own module so activation need not load the wizard). */
export const WIZARD_VIEW_TYPE = 'codexPooler.wizard';
