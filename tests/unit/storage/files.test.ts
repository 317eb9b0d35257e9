import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  exportLibraryFile,
  exportQuarantineFile,
  exportScenarioFile,
  formatImportProblem,
  importFileText,
  readImportFile,
  readImportFiles,
} from '../../../src/storage/files.ts';
import { MAX_IMPORT_BYTES, MAX_IMPORT_TOTAL_BYTES } from '../../../src/model/size-limits.ts';
import { emptyScenario, lessonScenario, scenarioTitled } from './fixtures.ts';

const NOW = Date.UTC(2026, 0, 2, 12);

describe('exporting', () => {
  it('exports one scenario as its text exactly, named after its title', () => {
    const title = (JSON.parse(lessonScenario) as { title: string }).title;
    expect(exportScenarioFile({ title, text: lessonScenario })).toEqual({
      filename: 'ec2-reads-s3-through-an-instance-profile.json',
      text: lessonScenario,
      mimeType: 'application/json',
    });
  });

  it('writes a name given in the library into the title, so an import gives it back', () => {
    const file = exportScenarioFile({
      title: 'EC2 reads S3 — through a profile!',
      text: lessonScenario,
    });
    expect(file.filename).toBe('ec2-reads-s3-through-a-profile.json');
    const exported = JSON.parse(file.text) as Record<string, unknown>;
    expect(exported).toEqual({
      ...JSON.parse(lessonScenario),
      title: 'EC2 reads S3 — through a profile!',
    });
    expect(Object.keys(exported).slice(0, 3)).toEqual(['format', 'version', 'title']);
    // A draft that is not JSON exports as typed.
    expect(exportScenarioFile({ title: 'Draft', text: '{ "format": ' }).text).toBe('{ "format": ');
  });

  it('names a file "scenario" when the title has no usable letters', () => {
    expect(exportScenarioFile({ title: '🔐🔐', text: '' }).filename).toBe('scenario.json');
  });

  it('exports the library in the documented format, drafts as their text', () => {
    const file = exportLibraryFile(
      [
        { title: 'Lesson', text: lessonScenario, updatedAt: NOW },
        { title: 'Draft', text: '{ "format": ', updatedAt: NOW },
      ],
      NOW,
    );
    expect(file.filename).toBe('iam-playground-library-2026-01-02.json');
    expect(JSON.parse(file.text)).toEqual({
      format: 'iam-playground/library',
      version: 1,
      scenarios: [
        {
          title: 'Lesson',
          updatedAt: '2026-01-02T12:00:00.000Z',
          scenario: JSON.parse(lessonScenario),
        },
        { title: 'Draft', updatedAt: '2026-01-02T12:00:00.000Z', text: '{ "format": ' },
      ],
    });
  });

  it('exports quarantined records with their raw content', () => {
    const file = exportQuarantineFile(
      [{ key: 'scenario:x', reason: 'not a record', foundAt: NOW, raw: '"junk"' }],
      NOW,
    );
    expect(JSON.parse(file.text)).toMatchObject({
      format: 'iam-playground/quarantine',
      records: [
        {
          key: 'scenario:x',
          reason: 'not a record',
          foundAt: '2026-01-02T12:00:00.000Z',
          raw: '"junk"',
        },
      ],
    });
  });
});

describe('importing', () => {
  it('imports a scenario file with its text exactly', () => {
    expect(importFileText(lessonScenario)).toEqual({
      ok: true,
      kind: 'scenario',
      scenarios: [{ title: 'EC2 reads S3 through an instance profile', text: lessonScenario }],
      problems: [],
    });
  });

  it('round-trips a library export, drafts included', () => {
    const exported = exportLibraryFile(
      [
        { title: 'Lesson (renamed)', text: lessonScenario, updatedAt: NOW },
        { title: 'Draft', text: '{ "format": ', updatedAt: NOW },
      ],
      NOW,
    );
    const imported = importFileText(exported.text);
    expect(imported).toMatchObject({ ok: true, kind: 'library', problems: [] });
    const scenarios = imported.ok ? imported.scenarios : [];
    expect(scenarios.map((s) => s.title)).toEqual(['Lesson (renamed)', 'Draft']);
    expect(JSON.parse(scenarios[0]!.text)).toEqual(JSON.parse(lessonScenario));
    expect(scenarios[1]!.text).toBe('{ "format": ');
  });

  it('skips bad entries of a library file, says where each is, and imports the rest', () => {
    const file = `{
  "format": "iam-playground/library",
  "version": 1,
  "scenarios": [
    { "title": "Good", "scenario": ${emptyScenario} },
    { "title": "Too new", "scenario": { "format": "iam-playground/scenario", "version": 9 } },
    "not an entry",
    { "title": "Nothing in it" }
  ]
}`;
    const imported = importFileText(file);
    expect(imported.ok && imported.scenarios.map((s) => s.title)).toEqual(['Good']);
    expect(imported.problems.map(formatImportProblem)).toEqual([
      expect.stringMatching(
        /^scenarios\[1\]\.scenario\.version, line 6, column 89: This scenario is format version 9.*This entry was skipped\.$/,
      ),
      expect.stringMatching(/^scenarios\[2\], line 7, column 5: Each entry must be an object/),
      expect.stringMatching(/^scenarios\[3\], line 8, column 5: The entry has no "scenario"/),
    ]);
  });

  it.each([
    ['an empty file', '', /The file is empty/],
    ['a file that is not JSON', 'hello', /^line 1, column \d+: Not valid JSON/],
    [
      'a JSON file of another kind',
      '{ "name": "package.json" }',
      /^format.*neither an IAM Playground scenario.*no "format"/,
    ],
    [
      'a scenario of a newer version',
      '{ "format": "iam-playground/scenario", "version": 3 }',
      /^version, line 1, column 51: This scenario is format version 3/,
    ],
    [
      'a scenario with a __proto__ key',
      '{ "format": "iam-playground/scenario", "version": 1, "__proto__": {} }',
      /__proto__/,
    ],
    [
      'a library file of a newer version',
      '{ "format": "iam-playground/library", "version": 2, "scenarios": [] }',
      /^version.*newer IAM Playground/,
    ],
    [
      'a library file without a list',
      '{ "format": "iam-playground/library", "version": 1, "scenarios": {} }',
      /^scenarios.*must be a list/,
    ],
    [
      'a library file whose entries are all bad',
      '{ "format": "iam-playground/library", "version": 1, "scenarios": [1] }',
      /^scenarios\[0\]/,
    ],
    [
      'a quarantine export',
      '{ "format": "iam-playground/quarantine", "version": 1 }',
      /damaged records exported for rescue/,
    ],
  ])('refuses %s with a located message', (_name, text, message) => {
    const imported = importFileText(text);
    expect(imported.ok).toBe(false);
    expect(formatImportProblem(imported.problems[0]!)).toMatch(message);
  });

  it('reads a dropped or picked file', async () => {
    const file = new File([scenarioTitled('From disk')], 'disk.json', { type: 'application/json' });
    expect(await readImportFile(file)).toMatchObject({
      ok: true,
      scenarios: [{ title: 'From disk' }],
    });
  });

  it('reads the output of aws iam get-account-authorization-details into a new scenario, with its import report', async () => {
    const dump = readFileSync('tests/fixtures/aws-cli/authorization-details.json', 'utf8');
    const result = await readImportFile(new File([dump], 'auth.json'));
    expect(result).toMatchObject({ ok: true, kind: 'scenario', problems: [] });
    if (!result.ok) return;
    const scenario = JSON.parse(result.scenarios[0]!.text);
    expect(result.scenarios[0]!.title).toBe('AWS account 123456789012');
    expect(Object.keys(scenario.accounts['123456789012'].roles)).toEqual(['EC2role']);
    expect(scenario.description).toMatch(
      /Import report \(as the files were imported; edits since are not reflected here[\s\S]*last-used date is not kept/,
    );
    // A broken dump names the file's path, line and column, and imports nothing.
    const broken = dump.replace(
      '"arn:aws:iam::123456789012:user/Bob"',
      '"arn:aws:iam::1:user/Bob"',
    );
    const refused = importFileText(broken, 'auth.json');
    expect(refused.ok).toBe(false);
    expect(formatImportProblem(refused.problems[0]!)).toMatch(
      /^UserDetailList\[1\]\.Arn, line \d+, column \d+: The ARN's account "1" is not a 12-digit account id\.$/,
    );
  });

  it('merges several AWS dumps picked together into one scenario, and imports other files on their own', async () => {
    const dump = JSON.parse(
      readFileSync('tests/fixtures/aws-cli/authorization-details.json', 'utf8'),
    );
    const page1 = { UserDetailList: dump.UserDetailList, IsTruncated: true, Marker: 'm' };
    const page2 = {
      RoleDetailList: dump.RoleDetailList,
      GroupDetailList: dump.GroupDetailList,
      Policies: dump.Policies,
    };
    const imports = await readImportFiles([
      new File([JSON.stringify(page1)], 'page1.json'),
      new File([scenarioTitled('Other')], 'other.json'),
      new File([JSON.stringify(page2)], 'page2.json'),
    ]);
    expect(imports.map((i) => [i.file, i.result.ok])).toEqual([
      ['other.json', true],
      ['page1.json, page2.json', true],
    ]);
    const merged = imports[1]!.result;
    if (!merged.ok) return;
    const account = JSON.parse(merged.scenarios[0]!.text).accounts['123456789012'];
    expect(Object.keys(account.users)).toEqual(['Alice', 'Bob', 'Charlie']);
    expect(Object.keys(account.roles)).toEqual(['EC2role']);
    // A broken page names itself in each problem, and nothing of the dumps is imported.
    page2.RoleDetailList = [{ ...dump.RoleDetailList[0], Arn: 'role/EC2role' }];
    const [broken] = await readImportFiles([
      new File([JSON.stringify(page1)], 'page1.json'),
      new File([JSON.stringify(page2)], 'page2.json'),
    ]);
    expect(broken!.result.ok).toBe(false);
    expect(formatImportProblem(broken!.result.problems[0]!)).toMatch(
      /^page2\.json: RoleDetailList\[0\]\.Arn, line 1, column \d+: Expected the role's ARN/,
    );
  });

  it('merges a folder of AWS CLI outputs (organization, resource policies) into one scenario, or none of it beside a broken file', async () => {
    const dir = 'tests/fixtures/aws-cli/account-folder/';
    const folder = readdirSync(dir).map(
      (n) => new File([readFileSync(dir + n, 'utf8')], `account-folder/${n}`),
    );
    const imports = await readImportFiles(folder);
    expect(imports).toHaveLength(1);
    const merged = imports[0]!.result;
    expect(merged.ok).toBe(true);
    if (!merged.ok) return;
    const scenario = JSON.parse(merged.scenarios[0]!.text);
    expect(scenario.organization.root.id).toBe('r-examplerootid111');
    expect(Object.keys(scenario.resources)).toHaveLength(6);
    const [broken, refused] = await readImportFiles([
      ...folder,
      new File(['{"Policy": '], 'account-folder/half.json'),
    ]);
    expect(broken!.file).toBe('account-folder/half.json');
    expect(formatImportProblem(broken!.result.problems[0]!)).toMatch(
      /^line 1, column \d+: Not valid JSON/,
    );
    expect(refused!.result.ok).toBe(false);
    expect(refused!.result.problems[0]!.message).toContain(
      'The AWS CLI outputs were not imported, because account-folder/half.json',
    );
  });

  it('refuses a file that is not UTF-8 text', async () => {
    const file = new File([new Uint8Array([0xff, 0xfe, 0x00, 0x7b])], 'photo.png');
    expect(await readImportFile(file)).toMatchObject({
      ok: false,
      problems: [{ message: expect.stringMatching(/photo\.png.*UTF-8/) }],
    });
  });

  it('reads an AWS dump of more than 5,000,000 characters (a real account), reports progress and lists what the format cannot hold', async () => {
    const dump = readFileSync('tests/fixtures/aws-cli/authorization-details.json', 'utf8');
    // The same dump after 5 MB of white space: as long as a big account's, and still valid JSON.
    const big = new File([dump + ' '.repeat(5_100_000)], 'get-account-authorization-details.json');
    const seen: string[] = [];
    const [, imported] = await readImportFiles(
      [big, new File([scenarioTitled('Other')], 'other.json')],
      (p) => seen.push(`${p.step} ${p.done}/${p.total}`),
    );
    expect(imported!.result).toMatchObject({ ok: true, problems: [] });
    if (!imported!.result.ok) return;
    expect(JSON.parse(imported!.result.scenarios[0]!.text).accounts).toHaveProperty('123456789012');
    expect(imported!.result.notes?.join(' ')).toMatch(/not kept|no place/);
    const total = big.size + new Blob([scenarioTitled('Other')]).size;
    expect(seen).toEqual([
      `Reading get-account-authorization-details.json (${(big.size / 1e6).toFixed(1)} MB) 0/${total}`,
      `Reading other.json (0.0 MB) ${big.size}/${total}`,
      `Converting 1 AWS CLI outputs ${total}/${total}`,
    ]);
  });

  it('reports the reading of many small files at every 1% of the whole, not at every file', async () => {
    const policy = '{"Policy": "{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":[]}"}';
    const files = Array.from(
      { length: 1_000 },
      (_, i) => new File([policy], `bucket-policy.b${String(i).padStart(3, '0')}.json`),
    );
    const seen: number[] = [];
    await readImportFiles(files, (p) => seen.push(p.done));
    const reads = seen.slice(0, -1); // the last report is the conversion's
    expect(reads).toHaveLength(100);
    expect(reads[0]).toBe(0);
    expect(reads[1]).toBe(10 * files[0]!.size);
  });

  it('refuses files too large together before reading any, and names a few of many files', async () => {
    const part = (name: string) => ({
      size: MAX_IMPORT_TOTAL_BYTES / 2,
      name,
      arrayBuffer: () => Promise.reject(new Error('read')),
    });
    const refused = await readImportFiles([
      part('a.json'),
      part('b.json'),
      part('c.json'),
    ] as never);
    expect(refused).toEqual([
      {
        file: '3 files',
        result: {
          ok: false,
          problems: [
            {
              message:
                'Together they are 150.0 MB; up to 100 MB can be imported at once. Nothing was imported.',
            },
          ],
        },
      },
    ]);
    const policy = '{"Policy": "{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":[]}"}';
    const many = Array.from({ length: 9 }, (_, i) => new File([policy], `p${i}.json`));
    const [, together] = await readImportFiles([...many, new File(['{'], 'half.json')]);
    expect(together!.file).toBe('p0.json, p1.json, p2.json, p3.json, p4.json and 4 more files');
  });

  it('refuses a file that is too large before reading it', async () => {
    const huge = {
      size: MAX_IMPORT_BYTES + 1,
      name: 'huge.json',
      arrayBuffer: () => Promise.reject(new Error('read')),
    };
    expect(await readImportFile(huge as unknown as File)).toMatchObject({
      ok: false,
      problems: [{ message: expect.stringMatching(/huge\.json is 50\.0 MB; files up to 50 MB/) }],
    });
  });
});
