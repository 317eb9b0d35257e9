/**
 * Server-side renders of the Findings panel: what it lists for given findings. (Clicks are
 * covered by the browser test tests/browser/findings.spec.ts.)
 */
import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import FindingsPanel from '../../../src/ui/findings/FindingsPanel.svelte';
import type { Finding } from '../../../src/findings/types.ts';

const A = '111122223333';
const HOSTILE = '<img src=x onerror=alert(1)>';

const listBucket: Finding = {
  code: 'action-matches-no-resource',
  severity: 'warning',
  message: "None of this statement's resources fit s3:ListBucket.",
  path: ['accounts', A, 'users', 'alice', 'inline', 'ReadReports', 'Statement', 0, 'Action', 0],
  docs: {
    title: 'Actions, resources, and condition keys for Amazon S3',
    url: 'https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html',
  },
  fix: {
    description: 'Add arn:aws:s3:::example-reports',
    path: ['accounts', A, 'users', 'alice', 'inline', 'ReadReports', 'Statement', 0, 'Resource'],
    replacement: ['arn:aws:s3:::example-reports/*', 'arn:aws:s3:::example-reports'],
  },
};
const unknownAction: Finding = {
  code: 'unknown-action',
  severity: 'error',
  message: `s3:GetObjekt is not an action. ${HOSTILE}`,
  path: ['requests', 0, 'action'],
  docs: { title: 'IAM JSON policy elements: Action', url: 'https://docs.aws.amazon.com/a.html' },
};
const attachedToUsers: Finding = {
  code: 'policy-attached-to-users',
  severity: 'info',
  message: 'Attach it to a group.',
  path: ['accounts', A, 'users', 'bob', 'policies', 0],
  docs: { title: 'IAM user groups', url: 'javascript:alert(1)' },
};

function html(props: { findings: Finding[] | null; pending?: boolean; problem?: string | null }) {
  return render(FindingsPanel, {
    props: { onopen: () => {}, onfix: () => {}, ...props },
  }).body.replace(/<!--[^>]*-->/g, '');
}

const count = (out: string, text: string) => out.split(text).length - 1;

describe('FindingsPanel', () => {
  it('says so when nothing looks wrong', () => {
    expect(html({ findings: [] })).toContain('No findings: nothing in this scenario looks wrong.');
  });

  it('says it is looking before the first findings arrive', () => {
    const out = html({ findings: null });
    expect(out).toContain('Looking for findings…');
    expect(out).not.toContain('No findings');
  });

  it('lists every finding, grouped under its document, in list semantics', () => {
    const out = html({ findings: [listBucket, unknownAction, attachedToUsers] });
    expect(count(out, 'data-testid="finding"')).toBe(3);
    expect(out).toMatch(/<h3[^>]*>ReadReports — inline policy of user alice in 111122223333<\/h3>/);
    expect(out).toMatch(/<h3[^>]*>Scenario<\/h3>/);
    expect(count(out, '<ul')).toBe(2);
    expect(count(out, '<li')).toBe(3);
    // The scenario-level findings come after the policy's, in one group.
    expect(out.indexOf('ReadReports — inline')).toBeLessThan(out.indexOf('>Scenario<'));
  });

  it('shows each severity as an icon and a word', () => {
    const out = html({ findings: [listBucket, unknownAction, attachedToUsers] });
    expect(out).toMatch(/<span aria-hidden="true">▲<\/span> Warning/);
    expect(out).toMatch(/<span aria-hidden="true">✖<\/span> Error/);
    expect(out).toMatch(/<span aria-hidden="true">ℹ<\/span> Info/);
    expect(out).toContain('1 error, 1 warning, 1 note');
  });

  it('offers a named Fix button only for findings with a fix', () => {
    const out = html({ findings: [listBucket, unknownAction] });
    expect(count(out, 'data-testid="finding-fix"')).toBe(1);
    expect(out).toMatch(/data-testid="finding-fix"[^>]*>\s*Fix: Add arn:aws:s3:::example-reports/);
    expect(count(out, 'Show in editor')).toBe(2);
  });

  it('links the AWS page in a new tab, and shows a link that is not a web page as text', () => {
    const out = html({ findings: [listBucket, attachedToUsers] });
    expect(out).toMatch(
      /<a href="https:\/\/docs\.aws\.amazon\.com\/service-authorization\/latest\/reference\/list_amazons3\.html" target="_blank" rel="noopener noreferrer external"[^>]*>Actions, resources, and condition keys for Amazon S3<span class="visually-hidden"> \(opens in a new tab\)<\/span><\/a>/,
    );
    expect(out).toContain('IAM user groups');
    expect(out).not.toContain('javascript:');
  });

  it('shows messages as text', () => {
    const out = html({ findings: [unknownAction] });
    expect(out).toContain('&lt;img src=x onerror=alert(1)>');
    expect(out).not.toContain('<img');
  });

  it('says when it is checking a newer scenario, and why findings failed', () => {
    expect(html({ findings: [listBucket], pending: true })).toContain('Checking…');
    const out = html({ findings: null, problem: 'Findings could not be computed: offline' });
    expect(out).toMatch(/role="alert"[^>]*>Findings could not be computed: offline/);
    expect(out).not.toContain('Looking for findings');
  });
});
