// The Content-Security-Policy and hardening headers of every page Warden serves: the Electron
// shell's app:// protocol, browser mode's HTTP host, Vite's dev server, and (as a <meta>) the built
// index.html itself. One policy; only what truly differs between those is a parameter.

export type PolicyOptions = {
  /**
   * Browser mode's host: the exact `ws://ADDRESS:PORT` origin the page's WebSocket opens. CSP3's
   * 'self' already covers it in current browsers; naming it keeps the socket working in one that
   * reads 'self' as http: only. The Electron shell talks over IPC, and leaves it out.
   */
  webSocketOrigin?: string;
  /**
   * Vite's dev server only: the nonce it stamps on the inline React-refresh preamble and the styles
   * it injects for hot reload. Never set for the built page, which has no inline code at all.
   */
  devNonce?: string;
  /**
   * "meta" leaves out frame-ancestors, which browsers ignore in a <meta> policy: a page can only be
   * kept out of frames by a header, and both hosts send the header.
   */
  delivery: "header" | "meta";
};

/**
 * Only the page's own files: scripts and styles from its own origin, images also from data: URLs,
 * no plugins, no frames, no forms, no base-tag tricks, and no network beyond its own origin.
 */
export function contentSecurityPolicy({ webSocketOrigin, devNonce, delivery }: PolicyOptions): string {
  const own = devNonce === undefined ? "'self'" : `'self' 'nonce-${devNonce}'`;
  const directives = [
    "default-src 'none'",
    `script-src ${own}`,
    `style-src ${own}`,
    "img-src 'self' data:",
    "font-src 'self'",
    webSocketOrigin === undefined ? "connect-src 'self'" : `connect-src 'self' ${webSocketOrigin}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-src 'none'",
  ];
  if (delivery === "header") directives.push("frame-ancestors 'none'");
  return directives.join("; ");
}

/** Sent with every response, refusals included. */
export function securityHeaders(options: Omit<PolicyOptions, "delivery"> = {}): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy({ ...options, delivery: "header" }),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cache-Control": "no-store",
  };
}
