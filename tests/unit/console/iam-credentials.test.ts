/**
 * Credential commands: login profiles, access keys, MFA devices, the password policy, the
 * credential report, and get-session-token, with AWS's outputs and errors.
 */
import { describe, expect, it } from 'vitest';
import { createConsoleDeps } from '../../../src/console/deps';
import { CREDENTIAL_REPORT_COLUMNS } from '../../../src/console/commands/iam-credentials';
import { ACCOUNT, NOW, Session, doc } from './helpers';

const SERIAL = `arn:aws:iam::${ACCOUNT}:mfa/bob`;
const error = (s: Session, line: string) => {
  const result = s.run(line);
  return result.output;
};

describe('login profiles', () => {
  it('create, get, update and delete with AWS outputs', () => {
    const s = new Session();
    expect(
      s.json(
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
    expect(s.json('aws iam get-login-profile --user-name bob')).toEqual({
      LoginProfile: {
        UserName: 'bob',
        CreateDate: '2026-01-02T03:04:05+00:00',
        PasswordResetRequired: true,
      },
    });
    expect(
      s.run("aws iam update-login-profile --user-name bob --password 'NewPassword456!'").output,
    ).toBe('');
    s.setup('aws iam update-login-profile --user-name bob --no-password-reset-required');
    expect(s.account.users?.['bob']?.loginProfile?.passwordResetRequired).toBeUndefined();
    s.setup('aws iam delete-login-profile --user-name bob');
    expect(s.account.users?.['bob']?.loginProfile).toBeUndefined();
  });

  it('answers AWS errors', () => {
    const s = new Session();
    expect(error(s, 'aws iam get-login-profile --user-name bob')).toBe(
      'An error occurred (NoSuchEntity) when calling the GetLoginProfile operation: Login Profile for User bob cannot be found.',
    );
    expect(
      error(s, "aws iam update-login-profile --user-name bob --password 'NewPassword456!'"),
    ).toMatch(/\(NoSuchEntity\).*Login Profile for User bob cannot be found/);
    expect(error(s, 'aws iam delete-login-profile --user-name bob')).toMatch(/NoSuchEntity/);
    expect(
      error(s, "aws iam create-login-profile --user-name nobody --password 'Xy1!xxxxxx'"),
    ).toBe(
      'An error occurred (NoSuchEntity) when calling the CreateLoginProfile operation: The user with name nobody cannot be found.',
    );
    s.setup("aws iam create-login-profile --user-name bob --password 'TempPassword123!'");
    expect(
      error(s, "aws iam create-login-profile --user-name bob --password 'TempPassword123!'"),
    ).toBe(
      'An error occurred (EntityAlreadyExists) when calling the CreateLoginProfile operation: Login Profile for user bob already exists.',
    );
  });

  it("checks the password against the account's policy, or AWS's default rules without one", () => {
    const s = new Session();
    expect(error(s, 'aws iam create-login-profile --user-name bob --password short')).toMatch(
      /^An error occurred \(PasswordPolicyViolation\) when calling the CreateLoginProfile operation: Password does not conform to the account password policy\./,
    );
    s.setup(
      'aws iam update-account-password-policy --minimum-password-length 14 --require-symbols --require-numbers --require-uppercase-characters --require-lowercase-characters',
    );
    expect(
      error(s, "aws iam create-login-profile --user-name bob --password 'TempPass123!'"),
    ).toMatch(/PasswordPolicyViolation.*at least 14 characters/);
    expect(
      s.run("aws iam create-login-profile --user-name bob --password 'LongerPassword123!'").error,
    ).toBeUndefined();
    expect(
      error(s, "aws iam update-login-profile --user-name bob --password 'longerpassword123!'"),
    ).toMatch(/PasswordPolicyViolation.*an uppercase letter/);
  });
});

describe('access keys', () => {
  it('at most two per user: LimitExceeded', () => {
    const s = new Session().setup(
      'aws iam create-access-key --user-name bob',
      'aws iam create-access-key --user-name bob',
    );
    expect(error(s, 'aws iam create-access-key --user-name bob')).toBe(
      'An error occurred (LimitExceeded) when calling the CreateAccessKey operation: Cannot exceed quota for AccessKeysPerUser: 2',
    );
    const ids = s.account.users!['bob']!.accessKeys!.map((k) => k.id);
    expect(new Set(ids).size).toBe(2);
  });

  it('unknown keys are NoSuchEntity; get-access-key-last-used reads the world', () => {
    const s = new Session().setup('aws iam create-access-key --user-name bob');
    expect(
      error(s, 'aws iam delete-access-key --user-name bob --access-key-id AKIAIOSFODNN7EXAMPLE'),
    ).toBe(
      'An error occurred (NoSuchEntity) when calling the DeleteAccessKey operation: The Access Key with id AKIAIOSFODNN7EXAMPLE cannot be found.',
    );
    const id = s.account.users!['bob']!.accessKeys![0]!.id;
    expect(s.json(`aws iam get-access-key-last-used --access-key-id ${id}`)).toEqual({
      UserName: 'bob',
      AccessKeyLastUsed: { ServiceName: 'N/A', Region: 'N/A' },
    });
  });

  it('a new key after a deleted one never repeats an id still in the world', () => {
    const s = new Session().setup(
      'aws iam create-access-key --user-name bob',
      'aws iam create-access-key --user-name bob',
    );
    const [first, second] = s.account.users!['bob']!.accessKeys!.map((k) => k.id);
    s.setup(`aws iam delete-access-key --user-name bob --access-key-id ${first}`);
    s.setup('aws iam create-access-key --user-name bob');
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
  ])('%s', (setup, message) => {
    const s = new Session().setup(...setup.split(' && '));
    expect(error(s, 'aws iam delete-user --user-name bob')).toBe(
      `An error occurred (DeleteConflict) when calling the DeleteUser operation: Cannot delete entity, ${message}.`,
    );
  });
});

describe('virtual MFA devices', () => {
  it('create, enable, list, deactivate, delete', () => {
    const s = new Session();
    expect(
      s.json(
        'aws iam create-virtual-mfa-device --virtual-mfa-device-name bob --outfile /tmp/qr.png --bootstrap-method QRCodePNG',
      ),
    ).toEqual({ VirtualMFADevice: { SerialNumber: SERIAL } });
    expect(s.json('aws iam list-virtual-mfa-devices --assignment-status Unassigned')).toEqual({
      VirtualMFADevices: [{ SerialNumber: SERIAL }],
    });
    expect(
      s.run(
        `aws iam enable-mfa-device --user-name bob --serial-number ${SERIAL} --authentication-code1 123456 --authentication-code2 789012`,
      ).output,
    ).toBe('');
    expect(s.account.users!['bob']!.mfaDevices).toEqual([
      { serial: SERIAL, enabled: '2026-01-02T03:04:05+00:00' },
    ]);
    expect(s.json('aws iam list-mfa-devices --user-name bob')).toEqual({
      MFADevices: [
        { UserName: 'bob', SerialNumber: SERIAL, EnableDate: '2026-01-02T03:04:05+00:00' },
      ],
    });
    expect(error(s, `aws iam delete-virtual-mfa-device --serial-number ${SERIAL}`)).toMatch(
      /DeleteConflict/,
    );
    s.setup(`aws iam deactivate-mfa-device --user-name bob --serial-number ${SERIAL}`);
    expect(s.account.users!['bob']!.mfaDevices).toBeUndefined();
    s.setup(`aws iam delete-virtual-mfa-device --serial-number ${SERIAL}`);
    expect(s.json('aws iam list-virtual-mfa-devices')).toEqual({ VirtualMFADevices: [] });
  });

  it('answers AWS errors', () => {
    const s = new Session();
    const enable = (codes: string) =>
      error(s, `aws iam enable-mfa-device --user-name bob --serial-number ${SERIAL} ${codes}`);
    expect(enable('--authentication-code1 123456 --authentication-code2 789012')).toBe(
      `An error occurred (NoSuchEntity) when calling the EnableMFADevice operation: VirtualMFADevice with serial number ${SERIAL} doesn't exist.`,
    );
    s.setup(
      'aws iam create-virtual-mfa-device --virtual-mfa-device-name bob --outfile qr.png --bootstrap-method QRCodePNG',
    );
    expect(
      error(
        s,
        'aws iam create-virtual-mfa-device --virtual-mfa-device-name bob --outfile qr.png --bootstrap-method QRCodePNG',
      ),
    ).toBe(
      'An error occurred (EntityAlreadyExists) when calling the CreateVirtualMFADevice operation: MFADevice entity at the same path and name already exists.',
    );
    expect(enable('--authentication-code1 12345 --authentication-code2 789012')).toMatch(
      /\(ValidationError\).*'authenticationCode1' failed to satisfy constraint: Member must have length greater than or equal to 6/,
    );
    expect(enable('--authentication-code1 123456 --authentication-code2 123456')).toBe(
      'An error occurred (InvalidAuthenticationCode) when calling the EnableMFADevice operation: Authentication code for device is not valid.',
    );
    s.setup(
      `aws iam enable-mfa-device --user-name bob --serial-number ${SERIAL} --authentication-code1 123456 --authentication-code2 789012`,
    );
    expect(
      error(
        s,
        `aws iam enable-mfa-device --user-name alice --serial-number ${SERIAL} --authentication-code1 123456 --authentication-code2 789012`,
      ),
    ).toMatch(/EntityAlreadyExists.*MFA Device is already in use/);
    expect(
      error(s, `aws iam deactivate-mfa-device --user-name alice --serial-number ${SERIAL}`),
    ).toMatch(/NoSuchEntity.*MFA Device with serial number .* does not exist/);
    expect(
      error(s, 'aws iam create-virtual-mfa-device --virtual-mfa-device-name x --outfile qr.png'),
    ).toMatch(/the following arguments are required: --bootstrap-method/);
  });
});

describe('the account password policy', () => {
  it('get is NoSuchEntity until one is set; update replaces every field; delete removes it', () => {
    const s = new Session();
    expect(error(s, 'aws iam get-account-password-policy')).toBe(
      `An error occurred (NoSuchEntity) when calling the GetAccountPasswordPolicy operation: The Password Policy with domain name ${ACCOUNT} cannot be found.`,
    );
    s.setup(
      'aws iam update-account-password-policy --minimum-password-length 14 --require-symbols --max-password-age 90 --password-reuse-prevention 24',
    );
    expect(s.json('aws iam get-account-password-policy')).toEqual({
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
    s.setup('aws iam update-account-password-policy --require-numbers');
    expect(s.account.passwordPolicy).toEqual({ RequireNumbers: true, MinimumPasswordLength: 6 });
    expect(
      error(s, 'aws iam update-account-password-policy --minimum-password-length 200'),
    ).toMatch(/ValidationError.*'minimumPasswordLength'.*less than or equal to 128/);
    s.setup('aws iam delete-account-password-policy');
    expect(error(s, 'aws iam delete-account-password-policy')).toMatch(/NoSuchEntity/);
  });
});

describe('the credential report', () => {
  it('ReportNotPresent before generate; then base64 CSV with AWS columns, decoded with base64 -d', () => {
    const s = new Session();
    expect(error(s, 'aws iam get-credential-report')).toBe(
      'An error occurred (ReportNotPresent) when calling the GetCredentialReport operation: Unknown',
    );
    s.setup(
      "aws iam create-login-profile --user-name bob --password 'TempPassword123!'",
      'aws iam create-access-key --user-name bob',
    );
    expect(s.json('aws iam generate-credential-report')).toEqual({
      State: 'STARTED',
      Description: 'No report exists. Starting a new report generation task',
    });
    expect(s.json('aws iam generate-credential-report')).toEqual({ State: 'COMPLETE' });
    const report = s.json('aws iam get-credential-report') as Record<string, string>;
    expect(report['ReportFormat']).toBe('text/csv');
    expect(report['Content']).toMatch(/^[A-Za-z0-9+/]+=*$/);
    const csv = s.run(
      'aws iam get-credential-report --query Content --output text | base64 -d',
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
  function forceMfaWorld() {
    const s = new Session(undefined, createConsoleDeps({ now: () => NOW }));
    s.setup(
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

  it('with access keys only the MFA self-service actions work; an MFA session works for all', () => {
    const s = forceMfaWorld();
    expect(error(s, 'aws iam list-users')).toMatch(/AccessDenied.*iam:ListUsers.*explicit deny/);
    s.setup(
      `aws iam enable-mfa-device --user-name bob --serial-number ${SERIAL} --authentication-code1 123456 --authentication-code2 789012`,
    );
    const token = s.json(
      `aws sts get-session-token --serial-number ${SERIAL} --token-code 123456`,
    ) as {
      Credentials: Record<string, string>;
    };
    expect(token.Credentials['AccessKeyId']).toMatch(/^ASIA/);
    expect(token.Credentials['Expiration']).toBe('2026-01-02T15:04:05+00:00');
    expect(s.run('aws iam list-users').error).toBeUndefined();
    expect(s.json('aws sts get-caller-identity')).toMatchObject({
      Arn: `arn:aws:iam::${ACCOUNT}:user/bob`,
    });
    s.setup('exit');
    expect(error(s, 'aws iam list-users')).toMatch(/AccessDenied/);
  });

  it('answers AWS errors', () => {
    const s = forceMfaWorld();
    expect(
      error(s, `aws sts get-session-token --serial-number ${SERIAL} --token-code 123456`),
    ).toBe(
      'An error occurred (AccessDenied) when calling the GetSessionToken operation: MultiFactorAuthentication failed, unable to validate MFA code. Please verify your MFA serial number is valid and associated with this user.',
    );
    expect(error(s, `aws sts get-session-token --serial-number ${SERIAL}`)).toMatch(
      /ValidationError/,
    );
    expect(error(s, 'aws sts get-session-token --duration-seconds 60')).toMatch(
      /'durationSeconds'.*greater than or equal to 900/,
    );
    // A token without MFA cannot call IAM.
    s.setup('aws sts get-session-token');
    expect(error(s, 'aws iam list-mfa-devices')).toMatch(
      /AccessDenied.*without MFA cannot call IAM/,
    );
  });

  it('a user without an active key cannot call GetSessionToken', () => {
    const s = new Session(undefined, createConsoleDeps({ now: () => NOW })).setup(
      'export AWS_PROFILE=alice',
    );
    expect(error(s, 'aws sts get-session-token')).toMatch(
      /^An error occurred \(InvalidClientTokenId\)/,
    );
  });
});

describe("error codes as AWS's API reference lists them", () => {
  const code = (text: string | undefined) => /^An error occurred \((\w+)\)/.exec(text ?? '')?.[1];
  it('EnableMFADevice: NoSuchEntity; DeleteVirtualMFADevice: DeleteConflict; GetCredentialReport: ReportNotPresent; DeleteUser: DeleteConflict', () => {
    const s = new Session();
    expect(
      code(
        error(
          s,
          `aws iam enable-mfa-device --user-name bob --serial-number ${SERIAL} --authentication-code1 123456 --authentication-code2 789012`,
        ),
      ),
    ).toBe('NoSuchEntity');
    expect(code(error(s, 'aws iam get-credential-report'))).toBe('ReportNotPresent');
    s.setup(
      `aws iam create-virtual-mfa-device --virtual-mfa-device-name bob --outfile qr.png --bootstrap-method QRCodePNG`,
      `aws iam enable-mfa-device --user-name bob --serial-number ${SERIAL} --authentication-code1 123456 --authentication-code2 789012`,
    );
    expect(error(s, `aws iam delete-virtual-mfa-device --serial-number ${SERIAL}`)).toBe(
      'An error occurred (DeleteConflict) when calling the DeleteVirtualMFADevice operation: MFA device is still in use. Deactivate it first.',
    );
    expect(code(error(s, 'aws iam delete-user --user-name bob'))).toBe('DeleteConflict');
    s.setup("aws iam create-login-profile --user-name bob --password 'TempPassword123!'");
    expect(error(s, 'aws iam delete-user --user-name bob')).toMatch(
      /\(DeleteConflict\) when calling the DeleteUser operation: .*login profile/,
    );
  });
});
