import { describe, expect, it } from 'vitest';
import { attachedToLabels } from '../../../src/ui/explorer/inspector/selection.ts';
import {
  addAccount,
  addPolicy,
  addRole,
  addUser,
  attachPolicy,
  emptyScenario,
  setBoundary,
} from '../../../src/model/world/index.ts';

const A = '111122223333';
const B = '444455556666';
const world = () => {
  let s = addRole(addUser(addAccount(emptyScenario(), A), A, 'alice'), A, 'Web');
  s = addPolicy(s, A, 'Read');
  s = attachPolicy(s, A, 'users', 'alice', `arn:aws:iam::${A}:policy/Read`);
  return setBoundary(s, A, 'roles', 'Web', 'Read');
};

describe('the policy inspector', () => {
  it('tells where a policy is attached, by name or ARN, boundaries included', () => {
    expect(attachedToLabels(world(), A, 'Read')).toEqual(['user alice', 'boundary of role Web']);
  });

  it("counts only the policy's own account: another account's policy of that name is another policy", () => {
    let s = addUser(addAccount(world(), B), B, 'bob');
    s = addPolicy(s, B, 'Read');
    s = attachPolicy(s, B, 'users', 'bob', 'Read');
    // A foreign attachment (the world's validation reports it) is not one AWS would hold.
    s = attachPolicy(addUser(s, B, 'carol'), B, 'users', 'carol', `arn:aws:iam::${A}:policy/Read`);
    expect(attachedToLabels(s, A, 'Read')).toEqual(['user alice', 'boundary of role Web']);
    expect(attachedToLabels(s, B, 'Read')).toEqual(['user bob']);
  });
});
