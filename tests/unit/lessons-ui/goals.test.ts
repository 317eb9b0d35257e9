import { describe, expect, it } from 'vitest';
import { allGoalsMet, goalsOf, requestList } from '../../../src/ui/lessons/goals.ts';
import type { RequestOutcome } from '../../../src/worker/protocol.ts';

const listBucket = {
  id: 'alice-can-list-the-bucket',
  principal: 'arn:aws:iam::111122223333:user/alice',
  action: 's3:ListBucket',
  resource: 'arn:aws:s3:::team-reports',
  expect: 'allowed',
};
const readObject = {
  ...listBucket,
  id: 'alice-can-read',
  action: 's3:GetObject',
  resource: 'arn:aws:s3:::team-reports/q3.csv',
};
const noExpect = { ...listBucket, id: 'free', expect: undefined };

const outcome = (index: number, id: string, decision: string, expect?: string): RequestOutcome =>
  ({
    index,
    id,
    decision,
    expect,
    pass: expect === undefined ? undefined : decision === expect,
  }) as RequestOutcome;

describe('goalsOf', () => {
  it('without a reference, the goals are the requests that carry expect', () => {
    const goals = goalsOf(
      [
        outcome(0, 'alice-can-list-the-bucket', 'allowed', 'allowed'),
        outcome(1, 'free', 'implicitDeny'),
      ],
      [listBucket, noExpect],
    );
    expect(goals).toEqual([
      {
        id: 'alice-can-list-the-bucket',
        expect: 'allowed',
        index: 0,
        pass: true,
        decision: 'allowed',
      },
    ]);
    expect(allGoalsMet(goals)).toBe(true);
  });

  it("in a lesson, a goal whose request's expectation was changed is not met", () => {
    const edited = { ...listBucket, expect: 'implicitDeny' };
    const goals = goalsOf(
      [outcome(0, listBucket.id, 'implicitDeny', 'implicitDeny')],
      [edited],
      [listBucket],
    );
    expect(goals).toEqual([
      {
        id: listBucket.id,
        expect: 'allowed',
        index: 0,
        pass: false,
        decision: 'implicitDeny',
        changed: 'edited',
      },
    ]);
    expect(allGoalsMet(goals)).toBe(false);
  });

  it('in a lesson, a deleted goal request is not met, and requests are found by id', () => {
    const goals = goalsOf(
      [outcome(0, readObject.id, 'allowed', 'allowed')],
      [readObject],
      [listBucket, readObject],
    );
    expect(goals.map((g) => [g.id, g.index, g.pass, g.changed])).toEqual([
      [listBucket.id, null, false, 'removed'],
      [readObject.id, 0, true, undefined],
    ]);
  });

  it('in a lesson, an unchanged goal request counts with its decision; added requests are not goals', () => {
    const extra = { ...readObject, id: 'mine', expect: 'explicitDeny' };
    const goals = goalsOf(
      [
        outcome(0, listBucket.id, 'allowed', 'allowed'),
        outcome(1, 'mine', 'allowed', 'explicitDeny'),
      ],
      [listBucket, extra],
      [listBucket],
    );
    expect(goals).toHaveLength(1);
    expect(allGoalsMet(goals)).toBe(true);
  });

  it('no goals is not "every goal met"', () => {
    expect(allGoalsMet(goalsOf([], [], []))).toBe(false);
    expect(requestList({ requests: 'nope' })).toEqual([]);
    expect(requestList(null)).toEqual([]);
  });
});
