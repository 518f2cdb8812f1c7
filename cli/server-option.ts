import { InvalidArgumentError } from "commander";

/** `--server HOST:PORT` (an IPv6 address in brackets: [::1]:5222). */
export function parseHostPort(value: string): { host: string; port: number } {
  const match = /^(?:\[([0-9A-Fa-f:.]+)\]|([^:\s[\]]+)):(\d{1,5})$/.exec(value);
  const host = match?.[1] ?? match?.[2];
  const port = Number(match?.[3]);
  if (!host || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new InvalidArgumentError("expected HOST:PORT, e.g. xmpp.example.org:5222 or [::1]:5222");
  }
  return { host, port };
}
