/** A SHA-256 fingerprint ("AB:CD:…") in monospace, allowed to wrap between byte pairs. */
export function FingerprintText({ value, id }: { value: string; id?: string }) {
  return (
    <code id={id}>
      {value.split(":").map((pair, i) => (
        <span key={i}>
          {i > 0 ? ":" : null}
          {pair}
          <wbr />
        </span>
      ))}
    </code>
  );
}
