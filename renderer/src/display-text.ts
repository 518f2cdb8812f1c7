// One definition, shared with the desktop app's notifications: see src/shared/display-text.ts.
export { displayText } from "../../src/shared/display-text.js";
