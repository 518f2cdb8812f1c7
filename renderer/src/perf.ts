// Performance marks for benchmarks: from a submitted sign-in to the first rendered rows.
let awaitingRows = false;

export function markSignInStart(): void {
  awaitingRows = true;
  performance.mark("warden:sign-in-start");
}

/** Marks "warden:list-rendered" once per sign-in, the first time rows are on screen. */
export function markListRendered(): void {
  if (!awaitingRows) return;
  awaitingRows = false;
  performance.mark("warden:list-rendered");
}
