// The `warden` command line: argument parsing with commander, one function per command.
import { Command, CommanderError, Option } from "commander";
import { accounts } from "./commands/accounts.js";
import { changePassword } from "./commands/change-password.js";
import { list } from "./commands/list.js";
import { revoke } from "./commands/revoke.js";
import { signIn } from "./commands/sign-in.js";
import { signOut } from "./commands/sign-out.js";
import { EXIT, EXIT_CODES_HELP, failure, type ExitCode } from "./exit-codes.js";
import { DEFAULT_KEYCHAIN_SERVICE, openInstall, type Install, type InstallOptions } from "./install.js";
import { stop } from "./output.js";
import { passwordArgument } from "./refuse-password-arguments.js";
import { parseHostPort } from "./server-option.js";

const MORE_HELP = `
Environment:
  WARDEN_SETTINGS_DIR      like --settings-dir
  WARDEN_KEYCHAIN_SERVICE  like --keychain-service
  NO_COLOR                 no colour in tables (there is none either when stdout is not a terminal)

${EXIT_CODES_HELP}`;

/** Opens the command line's install, runs the command, then signs out every connection (forgetting nothing). */
async function withInstall(options: InstallOptions, command: (install: Install) => Promise<ExitCode>): Promise<ExitCode> {
  let install: Install;
  try {
    install = openInstall(options);
  } catch (error) {
    return stop(failure(EXIT.refused, `Could not open the settings: ${error instanceof Error ? error.message : String(error)}`));
  }
  try {
    return await command(install);
  } finally {
    await install.manager.dispose();
  }
}

function buildProgram(done: (code: ExitCode) => void): Command {
  const program = new Command("warden")
    .description("See what has access to your XMPP accounts, and cut any of it off.")
    .option("--settings-dir <dir>", "the command line's settings folder (default: the OS config folder's warden-cli)")
    .option("--keychain-service <name>", `the keychain service its sign-ins are stored under (default: "${DEFAULT_KEYCHAIN_SERVICE}")`)
    .option("--verbose", "tell what Warden does on stderr (never passwords or tokens)")
    // Commander would exit by itself with status 1 on a usage error; we exit with 2, after cleaning up.
    .exitOverride()
    .showHelpAfterError("(add --help for usage)")
    .helpCommand(false)
    .configureHelp({ showGlobalOptions: true })
    .addHelpText("after", MORE_HELP);

  const globals = (command: Command): InstallOptions => command.optsWithGlobals<InstallOptions>();
  const run = (command: Command, body: (install: Install) => Promise<ExitCode>) => withInstall(globals(command), body).then(done);

  program
    .command("accounts")
    .description("list the accounts on this device, and whether their stored sign-in still works")
    .option("--json", "print the accounts as JSON (the WardenState schema)")
    .addHelpText("after", MORE_HELP)
    .action((options: { json?: boolean }, command: Command) => run(command, (install) => accounts(install, { json: options.json === true })));

  program
    .command("sign-in")
    .description("sign in to an account with its password; the command line keeps the sign-in in the keychain")
    .argument("<account>", "the account, e.g. name@example.org")
    .option("--server <host:port>", "connect to this server instead of the one DNS names", parseHostPort)
    .option("--direct-tls", "the server speaks TLS from the start (with --server); default: STARTTLS")
    .option("--password-stdin", "read the password from the first line of standard input (the default when it is not a terminal)")
    .addHelpText("after", `\nThe password is asked for without echo, or read from standard input; never taken as an argument.\n${MORE_HELP}`)
    .action((account: string, options: { server?: { host: string; port: number }; directTls?: boolean; passwordStdin?: boolean }, command: Command) => {
      if (options.directTls && !options.server) {
        done(stop(failure(EXIT.usage, "--direct-tls needs --server HOST:PORT.")));
        return;
      }
      const server = options.server && { ...options.server, tls: options.directTls ? ("direct" as const) : ("starttls" as const) };
      return run(command, (install) => signIn(install, account, { server, passwordStdin: options.passwordStdin === true }));
    });

  program
    .command("list")
    .description("list what has access to an account: sessions, apps and tokens")
    .argument("[account]", "the account; may be left out when this device knows only one")
    .option("--json", "print the list as JSON (the ClientList schema)")
    .addHelpText("after", MORE_HELP)
    .action((account: string | undefined, options: { json?: boolean }, command: Command) =>
      run(command, (install) => list(install, account, { json: options.json === true })),
    );

  program
    .command("revoke")
    .description("sign clients out of an account and revoke their access, by the ids `warden list` shows")
    .argument("<account>", "the account")
    .argument("<id...>", "the ids to revoke")
    .option("--yes", "do not ask for confirmation (needed when not running at a terminal)")
    .option("--json", "print one entry per id: {id, result} where result is the RevokeResult schema")
    .addHelpText("after", MORE_HELP)
    .action((account: string, ids: string[], options: { yes?: boolean; json?: boolean }, command: Command) =>
      run(command, (install) => revoke(install, account, ids, { yes: options.yes === true, json: options.json === true })),
    );

  program
    .command("change-password")
    .description("change an account's password; the current one is checked with the server first")
    .argument("<account>", "the account")
    .option("--password-stdin", "read the current password, then the new one, from standard input, one per line (the default when it is not a terminal)")
    .addHelpText("after", `\nThe passwords are asked for without echo, or read from standard input; never taken as arguments.\n${MORE_HELP}`)
    .action((account: string, options: { passwordStdin?: boolean }, command: Command) =>
      run(command, (install) => changePassword(install, account, { passwordStdin: options.passwordStdin === true })),
    );

  program
    .command("sign-out")
    .description("forget this device's stored sign-in for an account")
    .argument("<account>", "the account")
    .addOption(new Option("--forget", "also forget the account itself: its server, trusted certificates and what Warden learnt about it"))
    .addHelpText("after", MORE_HELP)
    .action((account: string, options: { forget?: boolean }, command: Command) => run(command, (install) => signOut(install, account, { forget: options.forget === true })));

  return program;
}

/** Runs one command line; resolves with the exit status. */
export async function runWarden(argv: readonly string[]): Promise<ExitCode> {
  const refused = passwordArgument(argv);
  if (refused) return stop(refused);
  let code: ExitCode | undefined;
  const program = buildProgram((c) => {
    code = c;
  });
  try {
    await program.parseAsync([...argv], { from: "user" });
  } catch (error) {
    // Help and --version end with exit code 0; every other parse error is a usage error (already printed).
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.done : EXIT.usage;
    throw error;
  }
  if (code === undefined) {
    program.outputHelp({ error: true });
    return EXIT.usage;
  }
  return code;
}
