/**
 * The bin's entry (`iam-playground`, dist-cli/eval.js) and `npm run eval`'s: starts the
 * evaluation thread first, when the command decides requests (thread.ts), then loads the program
 * (eval-main.ts, where the commands and options are described) and runs it. Loading the program
 * takes the main thread tens of milliseconds; the thread, which loads the engine on its own,
 * starts that much sooner.
 */
import { needsThread, startThread } from './thread.ts';

// `npm run eval -- FILE` runs in the package's folder, but the names are the user's, relative to
// where they typed the command (npm gives it as INIT_CWD): files read and written go from there.
if (process.env['npm_lifecycle_event'] === 'eval' && process.env['INIT_CWD'])
  process.chdir(process.env['INIT_CWD']);

const argv = process.argv.slice(2);
const thread = needsThread(argv) ? startThread() : undefined;
const { main } = await import('./eval-main.ts');
main(argv, thread).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `Internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 2;
  },
);
