// What a script can rely on: the exit status of every `warden` command.
export const EXIT = {
  /** Done. */
  done: 0,
  /** The server refused, or the work did not finish: revoke forbidden or failed, wrong password, change refused… */
  refused: 1,
  /** The command line was wrong: unknown command or option, a password given as an argument, no --yes without a terminal… */
  usage: 2,
  /** Could not reach the account: no connection, or this device is not signed in to it. */
  unreachable: 3,
  /** Ctrl-C (or end of input) at a prompt: nothing was done. The shells' convention for SIGINT. */
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export const EXIT_CODES_HELP = `Exit codes:
  0    done
  1    refused by the server or not finished (revoke forbidden or not confirmed, wrong password, change refused)
  2    usage (unknown command or option, a password given as an argument, revoke without --yes and no terminal)
  3    cannot connect, or not signed in on this device (run \`warden sign-in\`)
  130  cancelled at a prompt (Ctrl-C): nothing was done`;

/** Several results (one per revoked id), one exit status: the highest, so any failure shows. */
export function worst(codes: readonly ExitCode[]): ExitCode {
  return codes.reduce<ExitCode>((a, b) => (b > a ? b : a), EXIT.done);
}

/** Why a command stops: the status it exits with and what it says on stderr. */
export type Failure = { code: ExitCode; message: string };

export function failure(code: ExitCode, message: string): Failure {
  return { code, message };
}
