export interface StaticServer {
  /** e.g. http://127.0.0.1:41234/ */
  url: string;
  /** Serve another folder from now on (a second build "deployed" to the same origin). */
  setRoot(root: string): void;
  close(): Promise<void>;
}
export function startStaticServer(options: {
  root: string;
  port?: number;
  subPaths?: string[];
  /** The Content-Security-Policy header sent with every response; null sends none (like GitHub Pages). */
  contentSecurityPolicy?: string | null;
}): Promise<StaticServer>;
