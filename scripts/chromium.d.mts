/** The path of a Chromium to use, or undefined when none is installed. */
export function findChromium(): string | undefined;
export const DEBIAN_CHROMIUM: string;
/** Flags that keep Chromium off the network. */
export const OFFLINE_CHROMIUM_ARGS: string[];
