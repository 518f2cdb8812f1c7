import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { ensureClientManager } from "./browser-bridge/index.js";
import { App } from "./app.js";
import "./styles.css";

ensureClientManager();

const container = document.getElementById("root");
if (container) {
  createRoot(container).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
