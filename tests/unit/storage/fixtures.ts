/** Test data shared by the storage tests: realistic scenarios of lesson size. */

/** A lesson-size scenario (about 2 kB, pretty-printed as people type it). */
export const lessonScenario = `{
  "format": "iam-playground/scenario",
  "version": 1,
  "title": "EC2 reads S3 through an instance profile",
  "description": "The web server runs with **WebProfile**. Its role may read \`team-reports\`, but the bucket policy denies anyone outside the *organization*.\\n\\n- Try the first request.\\n- Then remove the bucket policy's condition.",
  "organization": {
    "id": "o-a1b2c3d4e5",
    "managementAccount": "111111111111",
    "root": { "accounts": { "111111111111": {}, "111122223333": {} } }
  },
  "accounts": {
    "111122223333": {
      "name": "dev",
      "policies": {
        "ReadReports": {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Effect": "Allow",
              "Action": ["s3:GetObject", "s3:ListBucket"],
              "Resource": ["arn:aws:s3:::team-reports", "arn:aws:s3:::team-reports/*"]
            }
          ]
        }
      },
      "roles": {
        "WebRole": {
          "trust": {
            "Version": "2012-10-17",
            "Statement": [
              {
                "Effect": "Allow",
                "Principal": { "Service": "ec2.amazonaws.com" },
                "Action": "sts:AssumeRole"
              }
            ]
          },
          "policies": ["ReadReports"]
        }
      },
      "instanceProfiles": { "WebProfile": { "role": "WebRole" } }
    }
  },
  "resources": {
    "arn:aws:s3:::team-reports": {
      "account": "111122223333",
      "policy": {
        "Version": "2012-10-17",
        "Statement": [
          {
            "Effect": "Deny",
            "Principal": "*",
            "Action": "s3:*",
            "Resource": "arn:aws:s3:::team-reports/*",
            "Condition": { "StringNotEquals": { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } }
          }
        ]
      }
    }
  },
  "requests": [
    {
      "id": "web-reads-report",
      "principal": "arn:aws:iam::111122223333:instance-profile/WebProfile",
      "action": "s3:GetObject",
      "resource": "arn:aws:s3:::team-reports/2026/q3.csv",
      "expect": "allowed"
    },
    {
      "id": "web-deletes-report",
      "principal": "arn:aws:iam::111122223333:instance-profile/WebProfile",
      "action": "s3:DeleteObject",
      "resource": "arn:aws:s3:::team-reports/2026/q3.csv",
      "expect": "implicitDeny"
    }
  ]
}
`;

/** The smallest valid scenario: an empty world. */
export const emptyScenario = '{ "format": "iam-playground/scenario", "version": 1 }';

/** A scenario text with the given title (JSON-escaped). */
export function scenarioTitled(title: string, extra = ''): string {
  return `{ "format": "iam-playground/scenario", "version": 1, "title": ${JSON.stringify(title)}${extra} }`;
}
