// The Action's entry: everything lives in run(), so tests can call it directly.
import { exitWhenFlushed } from './cli';
import { run } from './action/main';

// run() never rejects; then exit without waiting for V8's background wasm work (see exitWhenFlushed).
void run().then(exitWhenFlushed);
