import { describe, expect, it } from 'vitest';
import { ACCOUNT, EC2_TRUST, Session, doc } from './helpers';

/** The commands users and roles share, each with the names and messages AWS gives for its kind. */
describe.each([
  { kind: 'user', title: 'User', existing: 'alice', create: '' },
  {
    kind: 'role',
    title: 'Role',
    existing: 'WebRole',
    create: `--assume-role-policy-document ${doc(EC2_TRUST)}`,
  },
])('aws iam $kind commands shared with the other kind', ({ kind, title, existing, create }) => {
  const option = `--${kind}-name`;

  it.each([
    `tag-${kind} ${option} nope --tags Key=a,Value=b`,
    `untag-${kind} ${option} nope --tag-keys a`,
    `list-${kind}-tags ${option} nope`,
  ])('refuses an unknown %s', async (line) => {
    expect((await new Session().run(`aws iam ${line}`)).error).toEqual({
      code: 'NoSuchEntity',
      message: `The ${kind} with name nope cannot be found.`,
    });
  });

  it(`keeps at most 50 tags, with the ${title} quota in the message`, async () => {
    const session = new Session();
    const tags = (from: number) =>
      Array.from({ length: 24 }, (_, i) => `Key=k${from + i},Value=v`).join(' ');
    await session.setup(
      `aws iam tag-${kind} ${option} ${existing} --tags ${tags(100)}`,
      `aws iam tag-${kind} ${option} ${existing} --tags ${tags(200)}`,
    );
    expect(
      (await session.run(`aws iam tag-${kind} ${option} ${existing} --tags ${tags(300)}`)).error,
    ).toEqual({ code: 'LimitExceeded', message: `Cannot exceed quota for TagsPer${title}: 50` });
  });

  it(`create-${kind} with more than 50 tags names the ${title} quota`, async () => {
    const tags = Array.from({ length: 51 }, (_, i) => `Key=k${i},Value=v`).join(' ');
    expect(
      (await new Session().run(`aws iam create-${kind} ${option} Many ${create} --tags ${tags}`))
        .error,
    ).toEqual({ code: 'LimitExceeded', message: `Cannot exceed quota for TagsPer${title}: 50` });
  });

  it(`create-${kind} keeps --path, --permissions-boundary and --tags, and list-${kind}s filters by path`, async () => {
    const session = await new Session().setup(
      `aws iam create-${kind} ${option} Made ${create} --path /made/ --permissions-boundary arn:aws:iam::${ACCOUNT}:policy/S3Read --tags Key=team,Value=web`,
    );
    const record = (kind === 'user' ? session.account.users : session.account.roles)?.['Made'];
    expect(record).toMatchObject({ path: '/made/', boundary: 'S3Read', tags: { team: 'web' } });
    expect(await session.json(`aws iam list-${kind}s --path-prefix /made/`)).toEqual({
      [`${title}s`]: [expect.objectContaining({ [`${title}Name`]: 'Made', Path: '/made/' })],
    });
  });

  it(`create-${kind} refuses a name in use, ignoring case`, async () => {
    expect(
      (
        await new Session().run(
          `aws iam create-${kind} ${option} ${existing.toUpperCase()} ${create}`,
        )
      ).error,
    ).toEqual({
      code: 'EntityAlreadyExists',
      message: `${title} with name ${existing} already exists.`,
    });
  });
});
