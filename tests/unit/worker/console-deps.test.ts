/**
 * The console with its decisions in the worker: workerConsoleDeps over the worker's real handlers
 * (the same functions worker.ts calls; only the message passing is left out), compared with the
 * same commands decided on the same thread (createConsoleDeps).
 */
import { describe, expect, it } from 'vitest';
import { createConsoleDeps } from '../../../src/console/deps';
import { createHandlers } from '../../../src/worker/handlers';
import type { Send } from '../../../src/worker/client';
import { workerConsoleDeps } from '../../../src/worker/console-deps';
import { ACCOUNT, NOW, Session, doc, smallWorld } from '../console/helpers';

/** A Send that hands each request to the handlers, as the worker does with a posted message. */
function inProcess(): { send: Send; asked: string[] } {
  const handlers = createHandlers({ now: () => NOW });
  const asked: string[] = [];
  const send = (async (request) => {
    asked.push(request.type);
    try {
      return { ok: true, value: await handlers.handle(request) };
    } catch (error) {
      return { ok: false, error: { code: 'internal', message: String(error) } };
    }
  }) as Send;
  return { send, asked };
}

const LINES = [
  `aws iam simulate-principal-policy --policy-source-arn arn:aws:iam::${ACCOUNT}:user/alice --action-names s3:GetObject iam:CreateUser`,
  `aws iam simulate-custom-policy --policy-input-list ${doc({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] })} --action-names s3:GetObject ec2:RunInstances`,
  'export AWS_PROFILE=bob',
  'aws iam list-users',
  'export AWS_PROFILE=alice',
  'aws sts get-caller-identity',
  'aws iam list-users',
];

describe('the console deciding in the worker', () => {
  it('answers every command as the same-thread console does, asking the worker each decision', async () => {
    const { send, asked } = inProcess();
    const inWorker = new Session(
      smallWorld(),
      workerConsoleDeps(send, () => NOW),
    );
    const here = new Session(smallWorld(), createConsoleDeps({ now: () => NOW }));
    for (const line of LINES) {
      const [a, b] = [await inWorker.run(line), await here.run(line)];
      expect(a.output, line).toBe(b.output);
      expect(a.error, line).toEqual(b.error);
    }
    // bob has no policy: the permission check was decided (in the worker) and refused.
    expect((await inWorker.run('export AWS_PROFILE=bob')).error).toBeUndefined();
    expect((await inWorker.run('aws iam list-users')).error?.code).toBe('AccessDenied');
    expect(asked).toContain('console-decide');
    expect(asked).toContain('console-evaluate');
  });

  it('reads an AWS managed policy document from the worker’s catalog', async () => {
    const { send, asked } = inProcess();
    const s = new Session(
      smallWorld(),
      workerConsoleDeps(send, () => NOW),
    );
    const out = (await s.json(
      'aws iam get-policy-version --policy-arn arn:aws:iam::aws:policy/ReadOnlyAccess --version-id v1',
    )) as { PolicyVersion: { Document: { Statement: unknown[] } } };
    expect(out.PolicyVersion.Document.Statement.length).toBeGreaterThan(0);
    expect(asked).toContain('managed-policy');
  }, 60_000);

  it('checks a policy with the worker’s service reference (validate-policy)', async () => {
    const { send, asked } = inProcess();
    const s = new Session(
      smallWorld(),
      workerConsoleDeps(send, () => NOW),
    );
    const policy = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:GetObjekt', Resource: '*' }],
    };
    const out = (await s.json(
      `aws accessanalyzer validate-policy --policy-type IDENTITY_POLICY --policy-document ${doc(policy)}`,
    )) as { findings: { issueCode: string }[] };
    expect(out.findings.map((f) => f.issueCode)).toContain('UNKNOWN_ACTION');
    expect(asked).toContain('console-check-policy');
  }, 60_000);

  it('says so when the worker cannot answer, instead of deciding anything', async () => {
    const failing = (async () => ({
      ok: false,
      error: { code: 'internal', message: 'The worker stopped.' },
    })) as unknown as Send;
    const s = new Session(
      smallWorld(),
      workerConsoleDeps(failing, () => NOW),
    );
    await s.run('export AWS_PROFILE=alice');
    const result = await s.run('aws iam list-users');
    expect(result.error?.code).toBe('InvalidScenario');
    expect(result.output).toMatch(/The worker could not answer: The worker stopped\./);
  });
});
