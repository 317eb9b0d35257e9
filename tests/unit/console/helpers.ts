/**
 * Helpers for the console's tests: a small world, a fixed clock, and a session that runs
 * command lines one after another the way the panel does.
 */
import { createConsoleState, runCommand } from '../../../src/console/index';
import type { CommandResult, ConsoleDeps, ConsoleState } from '../../../src/console/index';
import type { Scenario } from '../../../src/model/index';

export const NOW = new Date('2026-01-02T03:04:05Z');
export const ACCOUNT = '111122223333';

export const S3_READ = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }],
};

export const EC2_TRUST = {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' },
  ],
};

/** A world with one account: alice in group developers, bob, WebRole in WebProfile, and policy S3Read. */
export function smallWorld(): Scenario {
  return {
    format: 'iam-playground/scenario',
    version: 1,
    accounts: {
      [ACCOUNT]: {
        name: 'dev',
        policies: { S3Read: S3_READ },
        users: {
          alice: { groups: ['developers'], policies: ['S3Read'], tags: { team: 'web' } },
          bob: {},
        },
        groups: { developers: { policies: [] } },
        roles: { WebRole: { trust: EC2_TRUST, policies: ['S3Read'] } },
        instanceProfiles: { WebProfile: { role: 'WebRole' } },
      },
    },
  };
}

export function emptyWorld(): Scenario {
  return { format: 'iam-playground/scenario', version: 1 };
}

/** Runs lines one after another, keeping the world and the state, as the console panel does. */
export class Session {
  scenario: Scenario;
  state: ConsoleState;
  readonly deps: ConsoleDeps;
  last!: CommandResult;

  constructor(scenario: Scenario = smallWorld(), deps: Partial<ConsoleDeps> = {}) {
    this.scenario = scenario;
    this.deps = { now: () => NOW, ...deps };
    this.state = createConsoleState(scenario, NOW);
  }

  async run(line: string): Promise<CommandResult> {
    const result = await runCommand(line, this.scenario, this.state, this.deps);
    if (result.scenario) this.scenario = result.scenario;
    this.state = result.state;
    this.last = result;
    return result;
  }

  /** Runs lines that must all succeed (setup). */
  async setup(...lines: string[]): Promise<this> {
    for (const line of lines) {
      const result = await this.run(line);
      if (result.error) throw new Error(`setup line failed: ${line}\n${result.output}`);
    }
    return this;
  }

  /** Runs a line that must succeed and parses its JSON output. */
  async json(line: string): Promise<unknown> {
    const result = await this.run(line);
    if (result.error) throw new Error(`${line}\n${result.output}`);
    return JSON.parse(result.output);
  }

  get account() {
    return this.scenario.accounts?.[ACCOUNT] ?? {};
  }
}

/** A policy document as one shell word. */
export function doc(document: unknown): string {
  return `'${JSON.stringify(document)}'`;
}
