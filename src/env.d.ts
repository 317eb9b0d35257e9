/** The build's identifier (package version, or $IAM_PLAYGROUND_BUILD_ID at build time). */
declare const __BUILD_ID__: string;
