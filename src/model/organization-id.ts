/**
 * The shape of an organization id (AWS Organizations API Reference, Organization `Id`), apart from
 * org-paths.ts so that the first screen, which shows root and OU ids, does not carry it.
 */
export const ORG_ID = /^o-[a-z0-9]{10,32}$/;
