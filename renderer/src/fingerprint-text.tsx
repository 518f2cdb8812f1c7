/** A SHA-256 fingerprint ("AB:CD:…") in monospace, allowed to wrap between byte pairs. */
export function FingerprintText({ value, id }: { value: string; id?: string }) {
  const pairs = value.split(":");
  return (
    <code id={id}>
      {pairs.map((pair, i) => (
        <span key={i}>
          {pair}
          {/* The colon ends the line, so no line starts with one. */}
          {i < pairs.length - 1 ? ":" : null}
          <wbr />
        </span>
      ))}
    </code>
  );
}
