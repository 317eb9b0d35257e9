/**
 * IPv4 and IPv6 addresses and CIDR blocks for IpAddress / NotIpAddress
 * (AWS page "IAM JSON policy elements: Condition operators", IP address condition operators).
 * Addresses become four 32-bit words (IPv4 uses only the last one), so prefix tests are cheap.
 */

/** A parsed address or block. */
export interface Cidr {
  v6: boolean;
  words: number[];
  /** Prefix length in bits. */
  bits: number;
}

const V4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function parseV4(text: string): number | undefined {
  const m = V4.exec(text);
  if (!m) return undefined;
  let n = 0;
  for (let i = 1; i <= 4; i++) {
    const part = Number(m[i]);
    if (part > 255) return undefined;
    n = n * 256 + part;
  }
  return n;
}

function parseV6(text: string): number[] | undefined {
  let head = text;
  let tailV4: number | undefined;
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.', lastColon)) {
    tailV4 = parseV4(text.slice(lastColon + 1));
    if (tailV4 === undefined) return undefined;
    head = text.slice(0, lastColon + 1) + '0:0';
  }
  const halves = head.split('::');
  if (halves.length > 2) return undefined;
  const left = halves[0] ? halves[0].split(':') : [];
  const right = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - left.length - right.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const groups = [...left, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...right];
  const nums: number[] = [];
  for (const g of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    nums.push(parseInt(g, 16));
  }
  const words = [0, 0, 0, 0];
  for (let i = 0; i < 4; i++)
    words[i] = ((nums[2 * i] as number) * 65536 + (nums[2 * i + 1] as number)) >>> 0;
  if (tailV4 !== undefined) words[3] = tailV4;
  return words;
}

/** Parses `203.0.113.0/24`, `2001:db8::/32` or a single address (a full-length block). */
export function parseCidr(text: string): Cidr | undefined {
  const slash = text.indexOf('/');
  const addr = (slash < 0 ? text : text.slice(0, slash)).trim();
  const bitsText = slash < 0 ? undefined : text.slice(slash + 1).trim();
  const v4 = parseV4(addr);
  const v6 = v4 === undefined ? parseV6(addr) : undefined;
  if (v4 === undefined && v6 === undefined) return undefined;
  const max = v4 !== undefined ? 32 : 128;
  const bits = bitsText === undefined ? max : /^\d{1,3}$/.test(bitsText) ? Number(bitsText) : NaN;
  if (!(bits >= 0 && bits <= max)) return undefined;
  return v4 !== undefined
    ? { v6: false, words: [0, 0, 0, v4], bits }
    : { v6: true, words: v6 as number[], bits };
}

/** True when the address lies inside the block (an IPv4 address never lies in an IPv6 block). */
export function cidrContains(block: Cidr, addr: Cidr): boolean {
  if (block.v6 !== addr.v6) return false;
  let remaining = block.bits;
  const start = block.v6 ? 0 : 3;
  for (let i = start; i < 4 && remaining > 0; i++) {
    const take = Math.min(32, remaining);
    const mask = take === 32 ? 0xffffffff : (~0 << (32 - take)) >>> 0;
    if (((block.words[i] as number) & mask) >>> 0 !== ((addr.words[i] as number) & mask) >>> 0)
      return false;
    remaining -= take;
  }
  return true;
}
