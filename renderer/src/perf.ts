// Performance marks for benchmarks: the first rendered rows after the page loads (a launch that
// resumes a remembered account) and after each submitted sign-in.
let awaitingRows = true;

export function markSignInStart(): void {
  awaitingRows = true;
  performance.mark("warden:sign-in-start");
}

/** Marks "warden:list-rendered" the first time rows are on screen after page load, then once per sign-in. */
export function markListRendered(): void {
  if (!awaitingRows) return;
  awaitingRows = false;
  performance.mark("warden:list-rendered");
}
