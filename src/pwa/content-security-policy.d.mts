/** The app's one Content-Security-Policy, as a header (or meta `content`) value. */
export const CONTENT_SECURITY_POLICY: string;
/** The SHA-256 of src/link-guard.js, the page's one inline script, as a CSP source (`sha256-…`). */
export const LINK_GUARD_HASH: string;
