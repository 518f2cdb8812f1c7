/** Where the core reports what it does. Messages carry no secrets: never pass a password, token or stanza. */
export type Logger = (level: "info" | "warn" | "error", message: string) => void;

export const stderrLogger: Logger = (level, message) => {
  process.stderr.write(`${new Date().toISOString()} ${level} ${message}\n`);
};
