import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { ensureClientManager } from "./browser-bridge/index.js";
import { App } from "./app.js";
import "./styles.css";

// Nothing provided it before the page ran: browser mode, where the page notifies by itself.
const browserMode = window.clientManager === undefined;
ensureClientManager();

const container = document.getElementById("root");
if (container) {
  createRoot(container).render(
    <StrictMode>
      <App pageNotifies={browserMode} />
    </StrictMode>,
  );
}
