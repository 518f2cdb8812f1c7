// Served by the build (scripts/ui-messages.ts): every English message in the renderer, by id.
declare module "virtual:warden-english-messages" {
  const messages: Record<string, string>;
  export default messages;
}
