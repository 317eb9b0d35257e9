/** The app's one Content-Security-Policy, as a header (or meta `content`) value. */
export const CONTENT_SECURITY_POLICY: string;
