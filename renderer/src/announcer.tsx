import { createContext, useCallback, useContext, useState, type ReactNode } from "react";

type Announce = (message: string) => void;
const AnnouncerContext = createContext<Announce>(() => {});

/** One polite live region for outcomes (revoked, refreshed, password changed…). */
export function AnnouncerProvider({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState("");
  const announce = useCallback<Announce>((next) => {
    // Clear first so the same words said twice are announced twice.
    setMessage("");
    setTimeout(() => setMessage(next), 50);
  }, []);
  return (
    <AnnouncerContext.Provider value={announce}>
      {children}
      <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true" data-announcer="">
        {message}
      </div>
    </AnnouncerContext.Provider>
  );
}

export function useAnnounce(): Announce {
  return useContext(AnnouncerContext);
}
