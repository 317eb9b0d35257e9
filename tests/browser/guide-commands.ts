/**
 * The AWS CLI commands of the IAM guides (the project's IAM guides: the essentials guide's command
 * list, the MFA and Access Analyzer commands of the best-practices guide), typed as the guides
 * write them, in the guides' order, each with what the AWS CLI answers. The few lines the guides
 * leave to the reader (launching the instance, creating the virtual MFA device the enable command
 * names, the policy file the first command reads) come first where they are needed, marked
 * `setup`. `expect` is a piece of the answer; `error` an AWS error code the CLI would print.
 */
export interface GuideLine {
  line: string;
  expect?: string;
  error?: string;
  setup?: boolean;
}

const A = '123456789012';
const POLICY = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"arn:aws:s3:::my-specific-bucket/*"}]}`;

export const GUIDE_LINES: GuideLine[] = [
  { line: "cat > policy.json << 'EOF'", setup: true },
  { line: POLICY, setup: true },
  { line: 'EOF', setup: true },
  {
    line: 'aws iam create-policy --policy-name MyCustomPolicy --policy-document file://policy.json --description "Policy description"',
    expect: `"Arn": "arn:aws:iam::${A}:policy/MyCustomPolicy"`,
  },
  {
    line: 'aws iam create-user --user-name developer-john',
    expect: '"UserName": "developer-john"',
  },
  { line: 'aws iam create-access-key --user-name developer-john', expect: '"Status": "Active"' },
  {
    line: "aws iam create-login-profile --user-name developer-john --password 'TempPassword123!' --password-reset-required",
    expect: '"PasswordResetRequired": true',
  },
  {
    line: 'aws iam create-group --group-name backend-developers',
    expect: '"GroupName": "backend-developers"',
  },
  { line: 'aws iam add-user-to-group --user-name developer-john --group-name backend-developers' },
  { line: "cat > trust-policy.json << 'EOF'" },
  { line: '{' },
  { line: '"Version": "2012-10-17",' },
  { line: '"Statement": [{' },
  { line: '"Effect": "Allow",' },
  { line: '"Principal": {' },
  { line: '"Service": "ec2.amazonaws.com"' },
  { line: '},' },
  { line: '"Action": "sts:AssumeRole"' },
  { line: '}]' },
  { line: '}' },
  { line: 'EOF' },
  {
    line: 'aws iam create-role --role-name EC2AccessRole --assume-role-policy-document file://trust-policy.json --description "Role for EC2 instances"',
    expect: `"Arn": "arn:aws:iam::${A}:role/EC2AccessRole"`,
  },
  {
    line: 'aws iam create-instance-profile --instance-profile-name EC2AccessProfile',
    expect: '"InstanceProfileName": "EC2AccessProfile"',
  },
  {
    line: 'aws iam add-role-to-instance-profile --instance-profile-name EC2AccessProfile --role-name EC2AccessRole',
  },
  {
    line: `aws iam attach-user-policy --user-name developer-john --policy-arn arn:aws:iam::${A}:policy/MyCustomPolicy`,
  },
  {
    line: 'aws iam attach-group-policy --group-name backend-developers --policy-arn arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess',
  },
  {
    line: `aws iam attach-role-policy --role-name EC2AccessRole --policy-arn arn:aws:iam::${A}:policy/MyCustomPolicy`,
  },
  {
    line: 'aws iam attach-role-policy --role-name EC2AccessRole --policy-arn arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore',
  },
  { line: 'aws iam list-users', expect: '"UserName": "developer-john"' },
  { line: 'aws iam list-groups', expect: '"GroupName": "backend-developers"' },
  { line: 'aws iam list-roles', expect: '"RoleName": "EC2AccessRole"' },
  { line: 'aws iam list-policies --scope Local', expect: '"PolicyName": "MyCustomPolicy"' },
  { line: 'aws iam list-policies --scope AWS', expect: '"PolicyName": "AmazonS3ReadOnlyAccess"' },
  {
    line: 'aws iam list-attached-user-policies --user-name developer-john',
    expect: '"PolicyName": "MyCustomPolicy"',
  },
  {
    line: 'aws iam list-attached-group-policies --group-name backend-developers',
    expect: '"PolicyName": "AmazonS3ReadOnlyAccess"',
  },
  {
    line: 'aws iam list-attached-role-policies --role-name EC2AccessRole',
    expect: '"PolicyName": "AmazonSSMManagedInstanceCore"',
  },
  {
    line: `aws iam get-policy-version --policy-arn arn:aws:iam::${A}:policy/MyCustomPolicy --version-id v1`,
    expect: '"VersionId": "v1"',
  },
  {
    line: 'aws iam get-group --group-name backend-developers',
    expect: '"UserName": "developer-john"',
  },
  { line: 'aws iam list-instance-profiles', expect: '"InstanceProfileName": "EC2AccessProfile"' },
  {
    line: 'INSTANCE=$(aws ec2 run-instances --image-id ami-0abcdef1234567890 --instance-type t3.micro --iam-instance-profile Name=EC2AccessProfile --query Instances[0].InstanceId --output text)',
    setup: true,
  },
  { line: 'ssh ec2-user@$INSTANCE', setup: true, expect: 'Connected to i-' },
  {
    line: 'curl http://169.254.169.254/latest/meta-data/iam/security-credentials/',
    expect: 'EC2AccessRole',
  },
  { line: 'exit', setup: true },
  { line: "aws iam update-login-profile --user-name developer-john --password 'NewPassword456!'" },
  { line: 'aws iam create-access-key --user-name developer-john', expect: '"AccessKeyId": "AKIA' },
  {
    line: 'aws iam delete-access-key --user-name developer-john --access-key-id AKIAIOSFODNN7EXAMPLE',
    error: 'NoSuchEntity',
    expect: 'The Access Key with id AKIAIOSFODNN7EXAMPLE cannot be found.',
  },
  { line: "cat > new-trust-policy.json << 'EOF'", setup: true },
  {
    line: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}',
    setup: true,
  },
  { line: 'EOF', setup: true },
  {
    line: 'aws iam update-assume-role-policy --role-name EC2AccessRole --policy-document file://new-trust-policy.json',
  },
  {
    line: `aws iam detach-user-policy --user-name developer-john --policy-arn arn:aws:iam::${A}:policy/MyCustomPolicy`,
  },
  {
    line: 'aws iam detach-group-policy --group-name backend-developers --policy-arn arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess',
  },
  {
    line: `aws iam detach-role-policy --role-name EC2AccessRole --policy-arn arn:aws:iam::${A}:policy/MyCustomPolicy`,
  },
  {
    line: 'aws iam remove-user-from-group --user-name developer-john --group-name backend-developers',
  },
  {
    line: 'aws iam delete-access-key --user-name developer-john --access-key-id AKIAIOSFODNN7EXAMPLE',
    error: 'NoSuchEntity',
  },
  { line: 'aws iam delete-login-profile --user-name developer-john' },
  {
    // The guide's own note: a user must have no policies or access keys (two remain).
    line: 'aws iam delete-user --user-name developer-john',
    error: 'DeleteConflict',
    expect: 'Cannot delete entity, must delete access keys first.',
  },
  { line: 'aws iam delete-group --group-name backend-developers' },
  {
    line: 'aws iam remove-role-from-instance-profile --instance-profile-name EC2AccessProfile --role-name EC2AccessRole',
  },
  { line: 'aws iam delete-instance-profile --instance-profile-name EC2AccessProfile' },
  {
    // AmazonSSMManagedInstanceCore is still attached, as the guide warns.
    line: 'aws iam delete-role --role-name EC2AccessRole',
    error: 'DeleteConflict',
    expect: 'must detach all policies first',
  },
  { line: `aws iam delete-policy --policy-arn arn:aws:iam::${A}:policy/MyCustomPolicy` },
  {
    line: "aws iam list-policies --scope AWS --query 'Policies[?contains(PolicyName, `S3`)].PolicyName'",
    expect: '"AmazonS3ReadOnlyAccess"',
  },
  // The best-practices guide.
  { line: 'aws iam create-user --user-name username', setup: true },
  {
    line: 'aws iam create-virtual-mfa-device --virtual-mfa-device-name username --outfile QRCode.png --bootstrap-method QRCodePNG',
    setup: true,
    expect: `"SerialNumber": "arn:aws:iam::${A}:mfa/username"`,
  },
  {
    line: `aws iam enable-mfa-device --user-name username --serial-number arn:aws:iam::${A}:mfa/username --authentication-code1 123456 --authentication-code2 789012`,
  },
  {
    line: 'aws iam list-mfa-devices --user-name username',
    expect: `"SerialNumber": "arn:aws:iam::${A}:mfa/username"`,
  },
  {
    line: "aws iam list-roles --query 'Roles[?starts_with(RoleName, `AWSServiceRoleFor`)]'",
    expect: '[]',
  },
  {
    line: 'aws accessanalyzer create-analyzer --analyzer-name my-analyzer --type ACCOUNT',
    expect: `"arn": "arn:aws:access-analyzer:us-east-1:${A}:analyzer/my-analyzer"`,
  },
];
