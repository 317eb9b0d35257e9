/**
 * iam-simulate as a whole process, the peer of `iam-playground eval --json` in cli.bench.ts:
 * reads a JSON list of iam-simulate Simulations (built by the bench from the same scenario) and
 * prints the decisions as a JSON list. Plain JavaScript, so neither side pays for a loader.
 */
import { readFileSync } from 'node:fs';
import { runSimulation } from '@cloud-copilot/iam-simulate';

const simulations = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const decisions = [];
for (const simulation of simulations) {
  const result = await runSimulation(simulation, {});
  decisions.push(result.resultType === 'error' ? 'error' : result.overallResult);
}
process.stdout.write(`${JSON.stringify(decisions)}\n`);
