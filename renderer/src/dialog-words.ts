import { defineMessages } from "react-intl";

/** The words every dialog's buttons share: one message each, translated once. */
export const DIALOG_WORDS = defineMessages({
  cancel: { id: "dialog.cancel", defaultMessage: "Cancel" },
  close: { id: "dialog.close", defaultMessage: "Close" },
  done: { id: "dialog.done", defaultMessage: "Done" },
});
