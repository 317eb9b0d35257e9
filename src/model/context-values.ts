/**
 * Checks of the values a scenario's request gives in its `context`, for the keys whose type AWS
 * documents as an IP address or a date (AWS page "AWS global condition context keys"; the types
 * also stand in the service reference's global-key list, and a test keeps the two in step).
 *
 * A request carries what AWS would put in it: `aws:SourceIp` is an address such as 203.0.113.7
 * and `aws:CurrentTime` a date such as 2026-01-01T12:00:00Z. A value AWS could never send
 * (10.0.0.999) would silently fail every IpAddress or Date condition, so it is an error here.
 * Dates follow AWS's page "IAM JSON policy elements: Condition operators": one of the W3C
 * profiles of ISO 8601, or epoch seconds; the engine compares them with the same reader.
 */
import { parseCidr, parseDate } from '../engine/index.ts';
import { quote } from './text-caps.ts';

/** Global condition keys of type IPAddress, lowercased (keys compare case-insensitively). */
export const IP_ADDRESS_KEYS: readonly string[] = [
  'aws:sourceip',
  'aws:vpcsourceip',
  'aws:ec2instancesourceprivateipv4',
];

/** Global condition keys of type Date, lowercased. */
export const DATE_KEYS: readonly string[] = [
  'aws:currenttime',
  'aws:epochtime',
  'aws:tokenissuetime',
];

/** A problem with one context value: its severity and message. */
export interface ContextValueProblem {
  severity: 'error' | 'warning';
  message: string;
}

/** What is wrong with one value of context key `key` (as written), or undefined when it is fine. */
export function contextValueProblem(
  key: string,
  value: string | number | boolean,
): ContextValueProblem | undefined {
  const lower = key.toLowerCase();
  const text = String(value);
  if (IP_ADDRESS_KEYS.includes(lower)) {
    const cidr = typeof value === 'string' ? parseCidr(value) : undefined;
    if (!cidr || cidr.bits !== (cidr.v6 ? 128 : 32) || text.includes('/')) {
      return {
        severity: 'error',
        message: `${quote(text)} is not an IP address, so ${key} could never hold it: give one IPv4 or IPv6 address such as "203.0.113.7" or "2001:db8::7" (no /prefix; a request comes from one address).`,
      };
    }
    return undefined;
  }
  if (DATE_KEYS.includes(lower)) {
    if (typeof value === 'boolean' || Number.isNaN(parseDate(text))) {
      return {
        severity: 'error',
        message: `${quote(text)} is not a date, so ${key} could never hold it: give an ISO 8601 date such as "2026-01-01T12:00:00Z" or epoch seconds such as 1767268800.`,
      };
    }
    return undefined;
  }
  if (typeof value === 'string' && value.includes('${')) {
    return {
      severity: 'warning',
      message: `${quote(text)} holds "\${": policy variables are replaced only in policies, so this request value is the literal text as written.`,
    };
  }
  return undefined;
}
