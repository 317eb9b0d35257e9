import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../../src/model/load.ts';
import { createHandlers } from '../../../src/worker/handlers.ts';
import { EXERCISE_KEYS, exerciseProblems, readExercise } from '../../../src/model/exercise.ts';
import { PROPERTY_NAMES } from '../../../src/model/validate-keys.ts';
import { canonicalJson, digestOf } from '../../../src/ui/classroom/digest.ts';
import { checkExercise } from '../../../src/ui/classroom/exercise-goals.ts';
import {
  decodeHandInLink,
  handInLink,
  makeHandIn,
  readHandInText,
  verifyHandIn,
} from '../../../src/ui/classroom/hand-in.ts';
import { csvField, sortRows, toCsv, type SheetRow } from '../../../src/ui/classroom/class-sheet.ts';
import { everyGoalMet, setGoal, setTitle } from '../../../src/ui/classroom/authoring.ts';
import { requestName } from '../../../src/model/index.ts';
import {
  courseLink,
  decodeCourseLink,
  itemTitle,
  readCourseText,
} from '../../../src/ui/classroom/course.ts';
import type { RequestOutcome } from '../../../src/worker/protocol.ts';

const A = '111122223333';
const exercise = () => ({
  format: 'iam-playground/scenario',
  version: 1,
  title: 'Let Alice read',
  accounts: {
    [A]: {
      policies: { Guard: { Version: '2012-10-17', Statement: [] } },
      users: { alice: { inline: {} } },
    },
  },
  requests: [
    {
      id: 'alice-reads',
      principal: `arn:aws:iam::${A}:user/alice`,
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::reports/q3.csv',
      expect: 'allowed',
    },
    {
      id: 'free',
      principal: `arn:aws:iam::${A}:user/alice`,
      action: 's3:PutObject',
      resource: 'arn:aws:s3:::reports/q3.csv',
    },
  ],
  exercise: {
    instructions: 'Give **Alice** read access.',
    goals: [{ request: 'alice-reads', sentence: 'Alice can read the report.' }],
    hints: ['Look at her inline policies.', 'Allow s3:GetObject on arn:aws:s3:::reports/*.'],
    solution: { format: 'iam-playground/scenario', version: 1 },
    showSolution: false,
    locked: [['accounts', A, 'policies', 'Guard']],
  },
});

const outcome = (index: number, id: string, decision: string, expect?: string): RequestOutcome =>
  ({
    index,
    id,
    decision,
    ...(expect ? { expect, pass: decision === expect } : {}),
  }) as RequestOutcome;

const problemsOf = (value: unknown) =>
  loadScenario(JSON.stringify(value, null, 2), { more: exerciseProblems }).problems;
const codes = (value: unknown) => problemsOf(value).map((p) => p.code);

describe('the exercise field', () => {
  it('is valid in format version 1 and reads back', () => {
    expect(problemsOf(exercise()).filter((p) => p.severity === 'error')).toEqual([]);
    const read = readExercise(exercise())!;
    expect(read.goals).toEqual([
      { request: 'alice-reads', sentence: 'Alice can read the report.' },
    ]);
    expect(read.hints).toHaveLength(2);
    expect(read.locked).toEqual([['accounts', A, 'policies', 'Guard']]);
  });

  it('has the property names the validator and schema list', () => {
    expect([...EXERCISE_KEYS]).toEqual(PROPERTY_NAMES.exercise);
  });

  it('names each mistake and where it is', () => {
    const bad = exercise() as Record<string, unknown>;
    bad['exercise'] = {
      instructions: 3,
      goals: [{ request: 'nope' }, { request: 'free' }, { sentence: 'x' }],
      hints: ['ok', 7],
      showSolution: 'yes',
      locked: [['accounts', A, 'policies', 'Gone'], 'accounts'],
      extra: true,
    };
    const problems = problemsOf(bad);
    const at = (code: string) =>
      problems.filter((p) => p.code === code).map((p) => p.path.join('.'));
    expect(at('unknown-goal-request')).toEqual(['exercise.goals.0.request']);
    expect(at('goal-without-expect')).toEqual(['exercise.goals.1.request']);
    expect(at('missing-property')).toEqual(['exercise.goals.2']);
    expect(at('unknown-document')).toEqual(['exercise.locked.0']);
    expect(at('unknown-property')).toEqual(['exercise.extra']);
    expect(at('wrong-type').sort()).toEqual(
      [
        'exercise.hints.1',
        'exercise.instructions',
        'exercise.locked.1',
        'exercise.showSolution',
      ].sort(),
    );
    expect(problems.find((p) => p.code === 'unknown-goal-request')?.message).toContain('"nope"');
  });

  it('the worker reports the exercise problems beside the others', async () => {
    const bad = exercise();
    bad.exercise.goals = [{ request: 'nope', sentence: '' }];
    const answer = (await createHandlers().handle({
      type: 'evaluate',
      scenario: bad,
      traceFor: null,
      revision: 1,
    })) as unknown as { issues: { code: string; path: unknown[] }[] };
    expect(answer.issues).toContainEqual(
      expect.objectContaining({
        code: 'unknown-goal-request',
        path: ['exercise', 'goals', 0, 'request'],
      }),
    );
  });

  it('refuses a solution that is no scenario object', () => {
    const bad = exercise();
    (bad.exercise as Record<string, unknown>)['solution'] = 'the answer';
    expect(codes(bad)).toContain('wrong-type');
  });
});

describe('checkExercise: goals are the exercise as handed out', () => {
  const start = exercise();
  it('meets a goal only when its own request has the decision asked for', () => {
    const current = structuredClone(start);
    const met = checkExercise(start, current, [outcome(0, 'alice-reads', 'allowed', 'allowed')]);
    expect(met.goals.map((g) => [g.id, g.pass, g.sentence])).toEqual([
      ['alice-reads', true, 'Alice can read the report.'],
    ]);
    const notMet = checkExercise(start, current, [
      outcome(0, 'alice-reads', 'implicitDeny', 'allowed'),
    ]);
    expect(notMet.goals[0]!.pass).toBe(false);
  });

  it('editing the expectation does not meet the goal', () => {
    const faked = structuredClone(start);
    faked.requests[0]!.expect = 'implicitDeny';
    // The student also rewrites their copy of the exercise: it changes nothing.
    faked.exercise.goals = [];
    const check = checkExercise(start, faked, [
      outcome(0, 'alice-reads', 'implicitDeny', 'implicitDeny'),
    ]);
    expect(check.goals).toHaveLength(1);
    expect(check.goals[0]).toMatchObject({ pass: false, changed: 'edited' });
  });

  it('deleting the goal request does not meet it', () => {
    const faked = structuredClone(start);
    faked.requests.splice(0, 1);
    const check = checkExercise(start, faked, [outcome(0, 'free', 'implicitDeny')]);
    expect(check.goals[0]).toMatchObject({ pass: false, changed: 'removed' });
  });

  it('a changed locked document keeps every goal unmet', () => {
    const changed = structuredClone(start);
    changed.accounts[A]!.policies.Guard.Statement = [
      { Effect: 'Allow', Action: '*', Resource: '*' } as never,
    ];
    const check = checkExercise(start, changed, [outcome(0, 'alice-reads', 'allowed', 'allowed')]);
    expect(check.lockedChanged).toEqual([`Guard — customer managed policy in ${A}`]);
    expect(check.goals[0]!.pass).toBe(false);
  });

  it('without a goal list, every request with expect is a goal', () => {
    const plain = structuredClone(start) as Record<string, unknown>;
    delete plain['exercise'];
    const check = checkExercise(plain, plain, [
      outcome(0, 'alice-reads', 'allowed', 'allowed'),
      outcome(1, 'free', 'allowed'),
    ]);
    expect(check.goals.map((g) => g.id)).toEqual(['alice-reads']);
  });
});

describe('digests', () => {
  it('ignore layout and key order, and change with any change', async () => {
    const a = exercise();
    const reordered = JSON.parse(JSON.stringify(a, Object.keys(a).reverse()));
    expect(canonicalJson({ b: 1, a: [2, { d: 1, c: 2 }] })).toBe('{"a":[2,{"c":2,"d":1}],"b":1}');
    expect(await digestOf(a)).toBe(await digestOf(JSON.parse(JSON.stringify(a, null, 4))));
    expect(await digestOf(a)).toMatch(/^[0-9a-f]{64}$/);
    const changed = exercise();
    changed.requests[0]!.expect = 'implicitDeny';
    expect(await digestOf(changed)).not.toBe(await digestOf(a));
    void reordered;
  });
});

describe('hand-ins', () => {
  const when = new Date('2026-12-02T09:30:00Z');
  it('travel in a link and come back the same, with the exercise verified', async () => {
    const world = exercise();
    const handIn = await makeHandIn('Ada Lovelace', exercise(), world, when);
    const link = await handInLink(handIn, 'http://127.0.0.1/app/#s=1.old');
    expect(link.ok).toBe(true);
    if (!link.ok) return;
    expect(link.url).toMatch(/^http:\/\/127\.0\.0\.1\/app\/#h=1\./);
    const back = await decodeHandInLink(link.url, 'link 1');
    expect(back).toEqual({ ok: true, handIn });
    const known = [{ digest: await digestOf(exercise()), title: 'Let Alice read' }];
    expect(await verifyHandIn(handIn, known)).toEqual({ status: 'same', title: 'Let Alice read' });
    expect(await verifyHandIn(handIn, [])).toEqual({ status: 'unverified' });
  });

  it('built from a changed exercise says so', async () => {
    const handIn = await makeHandIn('Ada', exercise(), exercise(), when);
    // Forged: the exercise was changed after its digest was taken.
    handIn.start.requests = [];
    expect((await verifyHandIn(handIn)).status).toBe('changed');
    // Intact, but built from an exercise that is not the teacher's (the link was edited).
    const edited = exercise();
    edited.requests[0]!.expect = 'implicitDeny';
    const other = await makeHandIn('Ada', edited, edited, when);
    const known = [{ digest: await digestOf(exercise()), title: 'Let Alice read' }];
    const verdict = await verifyHandIn(other, known);
    expect(verdict.status).toBe('changed');
  });

  it('refuses forged or broken hand-ins with a message that says what and where', async () => {
    const good = JSON.parse(JSON.stringify(await makeHandIn('Ada', exercise(), exercise(), when)));
    const cases: [unknown, RegExp][] = [
      [{ ...good, student: 42 }, /^ada\.json: "student" must be text/],
      [{ ...good, student: ' ' }, /Type your name/],
      [{ ...good, student: 'x'.repeat(201) }, /at most 200 characters/],
      [{ ...good, handedInAt: 'yesterday' }, /"handedInAt" must be a date/],
      [{ ...good, exercise: { digest: 'abc', title: '' } }, /64 lowercase hex/],
      [{ ...good, world: [] }, /"world" must be a scenario, not an array/],
      [{ ...good, start: { format: 'other', version: 1 } }, /"start" is not a scenario/],
      [{ ...good, version: 2 }, /newer IAM Playground/],
      [{ ...good, extra: 1 }, /unknown property "extra"/],
      [exercise(), /this is a scenario, not a hand-in/],
    ];
    for (const [value, message] of cases)
      expect(readHandInText(JSON.stringify(value), 'ada.json')).toEqual({
        ok: false,
        message: expect.stringMatching(message),
      });
    expect(readHandInText('{"format": ', 'ada.json')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^ada\.json: not valid JSON \(line 1, column \d+\)/),
    });
  });

  it('refuses a huge or damaged link before reading it', async () => {
    const huge = await decodeHandInLink('#h=1.' + 'A'.repeat(300_000), 'link 4');
    expect(huge).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^link 4: .*at most 200,000/),
    });
    const damaged = await decodeHandInLink('#h=1.AAA*', 'link 5');
    expect(damaged).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^link 5: .*damaged/),
    });
    const scenarioLink = await decodeHandInLink('#s=1.AAAA', 'link 6');
    expect(scenarioLink).toMatchObject({
      ok: false,
      message: expect.stringMatching(/not a hand-in link/),
    });
  });
});

describe('the class sheet', () => {
  const row = (
    student: string,
    at: string,
    cells: SheetRow['cells'],
    changed = false,
  ): SheetRow => ({
    source: student,
    student,
    handedInAt: at,
    identity: changed ? { status: 'changed', reason: 'x' } : { status: 'same', title: 'E' },
    cells,
  });
  const rows = [
    row('bob', '2026-12-02T10:00:00Z', { g1: 'met', g2: 'not-met' }),
    row('Ada', '2026-12-02T11:00:00Z', { g1: 'met', g2: 'met' }),
    row('=cmd|calc', '2026-12-02T09:00:00Z', { g1: 'changed', g2: 'changed' }, true),
  ];
  it('sorts by name, time, goals met and one goal', () => {
    const names = (r: SheetRow[]) => r.map((x) => x.student);
    expect(names(sortRows(rows, 'student', 'ascending'))).toEqual(['=cmd|calc', 'Ada', 'bob']);
    expect(names(sortRows(rows, 'handedInAt', 'descending'))).toEqual(['Ada', 'bob', '=cmd|calc']);
    expect(names(sortRows(rows, 'met', 'descending'))).toEqual(['Ada', 'bob', '=cmd|calc']);
    expect(names(sortRows(rows, 'goal:g2', 'ascending'))).toEqual(['=cmd|calc', 'bob', 'Ada']);
  });
  it('exports CSV with quoting and no spreadsheet formulas', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=1+1')).toBe("'=1+1");
    const csv = toCsv(rows, [
      { id: 'g1', label: 'Alice can read' },
      { id: 'g2', label: 'Bob, too' },
    ]);
    expect(csv.split('\r\n')).toEqual([
      'Student,Handed in,Exercise,Goals met,Alice can read,"Bob, too"',
      'bob,2026-12-02T10:00:00Z,as handed out,1 of 2,met,not met',
      'Ada,2026-12-02T11:00:00Z,as handed out,2 of 2,met,met',
      "'=cmd|calc,2026-12-02T09:00:00Z,changed exercise,0 of 2,changed exercise,changed exercise",
      '',
    ]);
  });
});

describe('courses', () => {
  it('name a lesson by its title once the lesson list is in, by its slug before', () => {
    const item = { lesson: 'how-a-decision-is-made' };
    expect(itemTitle(item)).toBe('Lesson: how-a-decision-is-made');
    const titles = new Map([['how-a-decision-is-made', 'How a decision is made']]);
    expect(itemTitle(item, titles)).toBe('Lesson: How a decision is made');
    expect(itemTitle({ exercise: { title: ' ' } }, titles)).toBe('Untitled exercise');
  });

  it('carry exercises and lessons in one link', async () => {
    const course = {
      format: 'iam-playground/course' as const,
      version: 1 as const,
      title: 'Basics',
      items: [{ lesson: '01-first-policy' }, { exercise: exercise() }],
    };
    const link = await courseLink(course, 'http://x/');
    if (!link.ok) throw new Error(link.message);
    expect(await decodeCourseLink(link.url)).toEqual({ ok: true, course });
  });
  it('refuse a malformed item with its place', () => {
    const text = JSON.stringify({
      format: 'iam-playground/course',
      version: 1,
      title: 'T',
      items: [{ lesson: '01-first-policy' }, { exercise: { format: 'nope' } }],
    });
    expect(readCourseText(text, 'course.json')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^course\.json: items\[1\]\.exercise is not a scenario/),
    });
  });
});

describe('authoring: a request made a goal keeps the name it was shown by', () => {
  it('gives a request without an id its shown name as id, and a fresh one when another request shows that name', () => {
    const bare = {
      principal: 'arn:aws:iam::111122223333:user/a',
      action: 's3:GetObject',
      resource: '*',
    };
    const scenario = {
      format: 'iam-playground/scenario',
      version: 1,
      requests: [bare, bare, { ...bare, id: 'request-4' }, bare],
    };
    const second = setGoal(scenario, 1, true);
    expect((second['requests'] as { id?: string }[])[1]!.id).toBe('request-2');
    // The last shows `request-4`, as the third's id reads: made a goal, it gets a name of its own.
    const fourth = setGoal(second, 3, true);
    expect((fourth['requests'] as unknown[]).map(requestName)).toEqual([
      'request-1',
      'request-2',
      'request-4',
      'request-3',
    ]);
  });
});

describe('authoring: the title', () => {
  it('sets the title the exercise and a course show, and a blank title takes it off', () => {
    const scenario = { format: 'iam-playground/scenario', version: 1, title: 'AWS account 1' };
    expect(setTitle(scenario, 'Week 3: read the report')['title']).toBe('Week 3: read the report');
    expect('title' in setTitle(scenario, '  ')).toBe(false);
    expect(scenario['title']).toBe('AWS account 1');
  });
});

describe('a world handed out already solved', () => {
  const world = {
    requests: [
      { id: 'r1', principal: 'p', action: 's3:GetObject', resource: '*', expect: 'allowed' },
      { id: 'r2', principal: 'p', action: 's3:PutObject', resource: '*' },
    ],
    exercise: { goals: [{ request: 'r1', sentence: 'Reads' }] },
  };
  it('is seen when every goal is met, and only then', () => {
    expect(everyGoalMet(world, [{ pass: true }, undefined])).toBe(true);
    expect(everyGoalMet(world, [{ pass: false }, undefined])).toBe(false);
    // Not decided yet: not met.
    expect(everyGoalMet(world, [undefined, undefined])).toBe(false);
    // No goals: nothing to meet.
    expect(everyGoalMet({ ...world, exercise: { goals: [] } }, [{ pass: true }])).toBe(false);
    // A goal whose request is gone is not met.
    expect(everyGoalMet({ ...world, requests: [] }, [])).toBe(false);
  });
});
