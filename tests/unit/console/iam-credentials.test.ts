/**
 * Credential commands: login profiles, access keys, MFA devices, the password policy, the
 * credential report, and get-session-token, with AWS's outputs and errors.
 */
import { describe, expect, it } from 'vitest';
import { createConsoleDeps } from '../../../src/console/deps';
import { CREDENTIAL_REPORT_COLUMNS } from '../../../src/console/commands/iam-credentials';
import { ACCOUNT, NOW, Session, doc } from './helpers';

const SERIAL = `arn:aws:iam::${ACCOUNT}:mfa/bob`;
const error = async (s: Session, line: string) => {
  const result = await s.run(line);
  return result.output;
};

describe('login profiles', () => {
  it('create, get, update and delete with AWS outputs', async () => {
    const s = new Session();
    expect(
      await s.json(
        "aws iam create-login-profile --user-name bob --password 'TempPassword123!' --password-reset-required",
      ),
    ).toEqual({
      LoginProfile: {
        UserName: 'bob',
        CreateDate: '2026-01-02T03:04:05+00:00',
        PasswordResetRequired: true,
      },
    });
    expect(s.account.users?.['bob']?.loginProfile).toEqual({
      created: '2026-01-02T03:04:05+00:00',
      passwordResetRequired: true,
    });
    expect(await s.json('aws iam get-login-profile --user-name bob')).toEqual({
      LoginProfile: {
        UserName: 'bob',
        CreateDate: '2026-01-02T03:04:05+00:00',
        PasswordResetRequired: true,
      },
    });
    expect(
      (await s.run("aws iam update-login-profile --user-name bob --password 'NewPassword456!'"))
        .output,
    ).toBe('');
    await s.setup('aws iam update-login-profile --user-name bob --no-password-reset-required');
    expect(s.account.users?.['bob']?.loginProfile?.passwordResetRequired).toBeUndefined();
    await s.setup('aws iam delete-login-profile --user-name bob');
    expect(s.account.users?.['bob']?.loginProfile).toBeUndefined();
  });

  it('answers AWS errors', async () => {
    const s = new Session();
    expect(await error(s, 'aws iam get-login-profile --user-name bob')).toBe(
      'An error occurred (NoSuchEntity) when calling the GetLoginProfile operation: Login Profile for User bob cannot be found.',
    );
    expect(
      await error(s, "aws iam update-login-profile --user-name bob --password 'NewPassword456!'"),
    ).toMatch(/\(NoSuchEntity\).*Login Profile for User bob cannot be found/);
    expect(await error(s, 'aws iam delete-login-profile --user-name bob')).toMatch(/NoSuchEntity/);
    expect(
      await error(s, "aws iam create-login-profile --user-name nobody --password 'Xy1!xxxxxx'"),
    ).toBe(
      'An error occurred (NoSuchEntity) when calling the CreateLoginProfile operation: The user with name nobody cannot be found.',
    );
    await s.setup("aws iam create-login-profile --user-name bob --password 'TempPassword123!'");
    expect(
      await error(s, "aws iam create-login-profile --user-name bob --password 'TempPassword123!'"),
    ).toBe(
      'An error occurred (EntityAlreadyExists) when calling the CreateLoginProfile operation: Login Profile for user bob already exists.',
    );
  });

  it("checks the password against the account's policy, or AWS's default rules without one", async () => {
    const s = new Session();
    expect(await error(s, 'aws iam create-login-profile --user-name bob --password short')).toMatch(
      /^An error occurred \(PasswordPolicyViolation\) when calling the CreateLoginProfile operation: Password does not conform to the account password policy\./,
    );
    await s.setup(
      'aws iam update-account-password-policy --minimum-password-length 14 --require-symbols --require-numbers --require-uppercase-characters --require-lowercase-characters',
    );
    expect(
      await error(s, "aws iam create-login-profile --user-name bob --password 'TempPass123!'"),
    ).toMatch(/PasswordPolicyViolation.*at least 14 characters/);
    expect(
      (await s.run("aws iam create-login-profile --user-name bob --password 'LongerPassword123!'"))
        .error,
    ).toBeUndefined();
    expect(
      await error(
        s,
        "aws iam update-login-profile --user-name bob --password 'longerpassword123!'",
      ),
    ).toMatch(/PasswordPolicyViolation.*an uppercase letter/);
  });
});

describe('access keys', () => {
  it('at most two per user: LimitExceeded', async () => {
    const s = await new Session().setup(
      'aws iam create-access-key --user-name bob',
      'aws iam create-access-key --user-name bob',
    );
    expect(await error(s, 'aws iam create-access-key --user-name bob')).toBe(
      'An error occurred (LimitExceeded) when calling the CreateAccessKey operation: Cannot exceed quota for AccessKeysPerUser: 2',
    );
    const ids = s.account.users!['bob']!.accessKeys!.map((k) => k.id);
    expect(new Set(ids).size).toBe(2);
  });

  it('unknown keys are NoSuchEntity; get-access-key-last-used reads the world', async () => {
    const s = await new Session().setup('aws iam create-access-key --user-name bob');
    expect(
      await error(
        s,
        'aws iam delete-access-key --user-name bob --access-key-id AKIAIOSFODNN7EXAMPLE',
      ),
    ).toBe(
      'An error occurred (NoSuchEntity) when calling the DeleteAccessKey operation: The Access Key with id AKIAIOSFODNN7EXAMPLE cannot be found.',
    );
    const id = s.account.users!['bob']!.accessKeys![0]!.id;
    expect(await s.json(`aws iam get-access-key-last-used --access-key-id ${id}`)).toEqual({
      UserName: 'bob',
      AccessKeyLastUsed: { ServiceName: 'N/A', Region: 'N/A' },
    });
  });

  it('a new key after a deleted one never repeats an id still in the world', async () => {
    const s = await new Session().setup(
      'aws iam create-access-key --user-name bob',
      'aws iam create-access-key --user-name bob',
    );
    const [first, second] = s.account.users!['bob']!.accessKeys!.map((k) => k.id);
    await s.setup(`aws iam delete-access-key --user-name bob --access-key-id ${first}`);
    await s.setup('aws iam create-access-key --user-name bob');
    const now = s.account.users!['bob']!.accessKeys!.map((k) => k.id);
    expect(now[0]).toBe(second);
    expect(now[1]).not.toBe(second);
  });
});

describe('delete-user with credentials is a DeleteConflict', () => {
  it.each([
    [
      "aws iam create-login-profile --user-name bob --password 'TempPassword123!'",
      'must delete login profile first',
    ],
    ['aws iam create-access-key --user-name bob', 'must delete access keys first'],
    [
      `aws iam create-virtual-mfa-device --virtual-mfa-device-name bob --outfile qr.png --bootstrap-method QRCodePNG && aws iam enable-mfa-device --user-name bob --serial-number ${SERIAL} --authentication-code1 123456 --authentication-code2 789012`,
      'must delete MFA device first',
    ],
  ])('%s', async (setup, message) => {
    const s = await new Session().setup(...setup.split(' && '));
    expect(await error(s, 'aws iam delete-user --user-name bob')).toBe(
      `An error occurred (DeleteConflict) when calling the DeleteUser operation: Cannot delete entity, ${message}.`,
    );
  });
});

describe('virtual MFA devices', () => {
  it('create, enable, list, deactivate, delete', async () => {
    const s = new Session();
    expect(
      await s.json(
        'aws iam create-virtual-mfa-device --virtual-mfa-device-name bob --outfile /tmp/qr.png --bootstrap-method QRCodePNG',
      ),
    ).toEqual({ VirtualMFADevice: { SerialNumber: SERIAL } });
    expect(await s.json('aws iam list-virtual-mfa-devices --assignment-status Unassigned')).toEqual(
      {
        VirtualMFADevices: [{ SerialNumber: SERIAL }],
      },
    );
    expect(
      (
        await s.run(
          `aws iam enable-mfa-device --user-name bob --serial-number ${SERIAL} --authentication-code1 123456 --authentication-code2 789012`,
        )
      ).output,
    ).toBe('');
    expect(s.account.users!['bob']!.mfaDevices).toEqual([
      { serial: SERIAL, enabled: '2026-01-02T03:04:05+00:00' },
    ]);
    expect(await s.json('aws iam list-mfa-devices --user-name bob')).toEqual({
      MFADevices: [
        { UserName: 'bob', SerialNumber: SERIAL, EnableDate: '2026-01-02T03:04:05+00:00' },
      ],
    });
    expect(await error(s, `aws iam delete-virtual-mfa-device --serial-number ${SERIAL}`)).toMatch(
      /DeleteConflict/,
    );
    await s.setup(`aws iam deactivate-mfa-device --user-name bob --serial-number ${SERIAL}`);
    expect(s.account.users!['bob']!.mfaDevices).toBeUndefined();
    await s.setup(`aws iam delete-virtual-mfa-device --serial-number ${SERIAL}`);
    expect(await s.json('aws iam list-virtual-mfa-devices')).toEqual({ VirtualMFADevices: [] });
  });

  it('answers AWS errors', async () => {
    const s = new Session();
    const enable = async (codes: string) =>
      await error(
        s,
        `aws iam enable-mfa-device --user-name bob --serial-number ${SERIAL} ${codes}`,
      );
    expect(await enable('--authentication-code1 123456 --authentication-code2 789012')).toBe(
      `An error occurred (NoSuchEntity) when calling the EnableMFADevice operation: VirtualMFADevice with serial number ${SERIAL} doesn't exist.`,
    );
    await s.setup(
      'aws iam create-virtual-mfa-device --virtual-mfa-device-name bob --outfile qr.png --bootstrap-method QRCodePNG',
    );
    expect(
      await error(
        s,
        'aws iam create-virtual-mfa-device --virtual-mfa-device-name bob --outfile qr.png --bootstrap-method QRCodePNG',
      ),
    ).toBe(
      'An error occurred (EntityAlreadyExists) when calling the CreateVirtualMFADevice operation: MFADevice entity at the same path and name already exists.',
    );
    expect(await enable('--authentication-code1 12345 --authentication-code2 789012')).toMatch(
      /\(ValidationError\).*'authenticationCode1' failed to satisfy constraint: Member must have length greater than or equal to 6/,
    );
    expect(await enable('--authentication-code1 123456 --authentication-code2 123456')).toBe(
      'An error occurred (InvalidAuthenticationCode) when calling the EnableMFADevice operation: Authentication code for device is not valid.',
    );
    await s.setup(
      `aws iam enable-mfa-device --user-name bob --serial-number ${SERIAL} --authentication-code1 123456 --authentication-code2 789012`,
    );
    expect(
      await error(
        s,
        `aws iam enable-mfa-device --user-name alice --serial-number ${SERIAL} --authentication-code1 123456 --authentication-code2 789012`,
      ),
    ).toMatch(/EntityAlreadyExists.*MFA Device is already in use/);
    expect(
      await error(s, `aws iam deactivate-mfa-device --user-name alice --serial-number ${SERIAL}`),
    ).toMatch(/NoSuchEntity.*MFA Device with serial number .* does not exist/);
    expect(
      await error(
        s,
        'aws iam create-virtual-mfa-device --virtual-mfa-device-name x --outfile qr.png',
      ),
    ).toMatch(/the following arguments are required: --bootstrap-method/);
  });
});

describe('the account password policy', () => {
  it('get is NoSuchEntity until one is set; update replaces every field; delete removes it', async () => {
    const s = new Session();
    expect(await error(s, 'aws iam get-account-password-policy')).toBe(
      `An error occurred (NoSuchEntity) when calling the GetAccountPasswordPolicy operation: The Password Policy with domain name ${ACCOUNT} cannot be found.`,
    );
    await s.setup(
      'aws iam update-account-password-policy --minimum-password-length 14 --require-symbols --max-password-age 90 --password-reuse-prevention 24',
    );
    expect(await s.json('aws iam get-account-password-policy')).toEqual({
      PasswordPolicy: {
        MinimumPasswordLength: 14,
        RequireSymbols: true,
        RequireNumbers: false,
        RequireUppercaseCharacters: false,
        RequireLowercaseCharacters: false,
        AllowUsersToChangePassword: false,
        ExpirePasswords: true,
        MaxPasswordAge: 90,
        PasswordReusePrevention: 24,
      },
    });
    await s.setup('aws iam update-account-password-policy --require-numbers');
    expect(s.account.passwordPolicy).toEqual({ RequireNumbers: true, MinimumPasswordLength: 6 });
    expect(
      await error(s, 'aws iam update-account-password-policy --minimum-password-length 200'),
    ).toMatch(/ValidationError.*'minimumPasswordLength'.*less than or equal to 128/);
    await s.setup('aws iam delete-account-password-policy');
    expect(await error(s, 'aws iam delete-account-password-policy')).toMatch(/NoSuchEntity/);
  });
});

describe('the credential report', () => {
  it('ReportNotPresent before generate; then base64 CSV with AWS columns, decoded with base64 -d', async () => {
    const s = new Session();
    expect(await error(s, 'aws iam get-credential-report')).toBe(
      'An error occurred (ReportNotPresent) when calling the GetCredentialReport operation: Unknown',
    );
    await s.setup(
      "aws iam create-login-profile --user-name bob --password 'TempPassword123!'",
      'aws iam create-access-key --user-name bob',
    );
    expect(await s.json('aws iam generate-credential-report')).toEqual({
      State: 'STARTED',
      Description: 'No report exists. Starting a new report generation task',
    });
    expect(await s.json('aws iam generate-credential-report')).toEqual({ State: 'COMPLETE' });
    const report = (await s.json('aws iam get-credential-report')) as Record<string, string>;
    expect(report['ReportFormat']).toBe('text/csv');
    expect(report['Content']).toMatch(/^[A-Za-z0-9+/]+=*$/);
    const csv = (
      await s.run('aws iam get-credential-report --query Content --output text | base64 -d')
    ).output;
    const [header, root, ...users] = csv.split('\n');
    expect(header).toBe(CREDENTIAL_REPORT_COLUMNS.join(','));
    expect(root).toMatch(new RegExp(`^<root_account>,arn:aws:iam::${ACCOUNT}:root,`));
    const bob = users.find((u) => u.startsWith('bob,'))!.split(',');
    const col = (name: string) => bob[CREDENTIAL_REPORT_COLUMNS.indexOf(name as never)];
    expect(col('password_enabled')).toBe('true');
    expect(col('password_last_used')).toBe('no_information');
    expect(col('mfa_active')).toBe('false');
    expect(col('access_key_1_active')).toBe('true');
    expect(col('access_key_1_last_rotated')).toBe('2026-01-02T03:04:05+00:00');
    expect(col('access_key_2_active')).toBe('false');
  });
});

describe('sts get-session-token and MFA sessions', () => {
  /** A world where bob's only policy is AWS's "force MFA" pattern over an allow-all. */
  async function forceMfaWorld() {
    const s = new Session(undefined, createConsoleDeps({ now: () => NOW }));
    await s.setup(
      `aws iam create-policy --policy-name ForceMFA --policy-document ${doc({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: '*', Resource: '*' },
          {
            Effect: 'Deny',
            NotAction: [
              'iam:CreateVirtualMFADevice',
              'iam:EnableMFADevice',
              'iam:ListMFADevices',
              'iam:GetUser',
              'sts:GetSessionToken',
            ],
            Resource: '*',
            Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
          },
        ],
      })}`,
      `aws iam attach-user-policy --user-name bob --policy-arn arn:aws:iam::${ACCOUNT}:policy/ForceMFA`,
      'aws iam create-access-key --user-name bob',
      'aws iam create-virtual-mfa-device --virtual-mfa-device-name bob --outfile qr.png --bootstrap-method QRCodePNG',
      'export AWS_PROFILE=bob',
    );
    return s;
  }

  it('with access keys only the MFA self-service actions work; an MFA session works for all', async () => {
    const s = await forceMfaWorld();
    expect(await error(s, 'aws iam list-users')).toMatch(
      /AccessDenied.*iam:ListUsers.*explicit deny/,
    );
    await s.setup(
      `aws iam enable-mfa-device --user-name bob --serial-number ${SERIAL} --authentication-code1 123456 --authentication-code2 789012`,
    );
    const token = (await s.json(
      `aws sts get-session-token --serial-number ${SERIAL} --token-code 123456`,
    )) as {
      Credentials: Record<string, string>;
    };
    expect(token.Credentials['AccessKeyId']).toMatch(/^ASIA/);
    expect(token.Credentials['Expiration']).toBe('2026-01-02T15:04:05+00:00');
    expect((await s.run('aws iam list-users')).error).toBeUndefined();
    expect(await s.json('aws sts get-caller-identity')).toMatchObject({
      Arn: `arn:aws:iam::${ACCOUNT}:user/bob`,
    });
    await s.setup('exit');
    expect(await error(s, 'aws iam list-users')).toMatch(/AccessDenied/);
  });

  it('answers AWS errors', async () => {
    const s = await forceMfaWorld();
    expect(
      await error(s, `aws sts get-session-token --serial-number ${SERIAL} --token-code 123456`),
    ).toBe(
      'An error occurred (AccessDenied) when calling the GetSessionToken operation: MultiFactorAuthentication failed, unable to validate MFA code. Please verify your MFA serial number is valid and associated with this user.',
    );
    expect(await error(s, `aws sts get-session-token --serial-number ${SERIAL}`)).toMatch(
      /ValidationError/,
    );
    expect(await error(s, 'aws sts get-session-token --duration-seconds 60')).toMatch(
      /'durationSeconds'.*greater than or equal to 900/,
    );
    // A token without MFA cannot call IAM.
    await s.setup('aws sts get-session-token');
    expect(await error(s, 'aws iam list-mfa-devices')).toMatch(
      /AccessDenied.*without MFA cannot call IAM/,
    );
  });

  it('its credentials, with MFA or not, call no STS operation but AssumeRole and GetCallerIdentity ("Compare AWS STS credentials")', async () => {
    const s = await forceMfaWorld();
    const refused =
      'An error occurred (AccessDenied) when calling the GetSessionToken operation: Cannot call GetSessionToken with session credentials';
    await s.setup('aws sts get-session-token');
    expect(await error(s, 'aws sts get-session-token')).toBe(refused);
    await s.setup(
      'exit',
      `aws iam enable-mfa-device --user-name bob --serial-number ${SERIAL} --authentication-code1 123456 --authentication-code2 789012`,
      `aws sts get-session-token --serial-number ${SERIAL} --token-code 123456`,
    );
    expect(
      await error(s, `aws sts get-session-token --serial-number ${SERIAL} --token-code 123456`),
    ).toBe(refused);
    await s.setup(
      `aws iam create-role --role-name Tester --assume-role-policy-document ${doc({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: `arn:aws:iam::${ACCOUNT}:user/bob` },
            Action: 'sts:AssumeRole',
          },
        ],
      })}`,
      'aws sts get-caller-identity',
      `aws sts assume-role --role-arn arn:aws:iam::${ACCOUNT}:role/Tester --role-session-name t1`,
    );
    // The role session it made is bound by AssumeRole's row: no GetSessionToken either.
    expect(await error(s, 'aws sts get-session-token')).toBe(refused);
  });

  it('a user without an active key cannot call GetSessionToken', async () => {
    const s = await new Session(undefined, createConsoleDeps({ now: () => NOW })).setup(
      'export AWS_PROFILE=alice',
    );
    expect(await error(s, 'aws sts get-session-token')).toMatch(
      /^An error occurred \(InvalidClientTokenId\)/,
    );
  });
});

describe("error codes as AWS's API reference lists them", () => {
  const code = (text: string | undefined) => /^An error occurred \((\w+)\)/.exec(text ?? '')?.[1];
  it('EnableMFADevice: NoSuchEntity; DeleteVirtualMFADevice: DeleteConflict; GetCredentialReport: ReportNotPresent; DeleteUser: DeleteConflict', async () => {
    const s = new Session();
    expect(
      code(
        await error(
          s,
          `aws iam enable-mfa-device --user-name bob --serial-number ${SERIAL} --authentication-code1 123456 --authentication-code2 789012`,
        ),
      ),
    ).toBe('NoSuchEntity');
    expect(code(await error(s, 'aws iam get-credential-report'))).toBe('ReportNotPresent');
    await s.setup(
      `aws iam create-virtual-mfa-device --virtual-mfa-device-name bob --outfile qr.png --bootstrap-method QRCodePNG`,
      `aws iam enable-mfa-device --user-name bob --serial-number ${SERIAL} --authentication-code1 123456 --authentication-code2 789012`,
    );
    expect(await error(s, `aws iam delete-virtual-mfa-device --serial-number ${SERIAL}`)).toBe(
      'An error occurred (DeleteConflict) when calling the DeleteVirtualMFADevice operation: MFA device is still in use. Deactivate it first.',
    );
    expect(code(await error(s, 'aws iam delete-user --user-name bob'))).toBe('DeleteConflict');
    await s.setup("aws iam create-login-profile --user-name bob --password 'TempPassword123!'");
    expect(await error(s, 'aws iam delete-user --user-name bob')).toMatch(
      /\(DeleteConflict\) when calling the DeleteUser operation: .*login profile/,
    );
  });
});
